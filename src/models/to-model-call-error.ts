/**
 * @module Provider failures as one clear error: provider, model, status and the API's message.
 */
import { errorMessage, isLlmDoError, ModelCallError } from "../errors.js";
import { formatSeconds } from "../util/format-seconds.js";
import { BrokenResponseError } from "./broken-response.js";

interface ApiCallErrorLike {
  statusCode?: number;
  responseBody?: string;
  message: string;
  data?: unknown;
}

/** The API's own message from an error body like `{ "error": { "message": "..." } }`. */
export function apiMessage(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
    if (typeof parsed.error?.message === "string") return parsed.error.message;
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    return body.length > 300 ? `${body.slice(0, 300)}...` : body;
  }
  return undefined;
}

/** Extra facts for the message. */
export interface ModelCallErrorContext {
  /** How many attempts were made, when the request was retried before giving up. */
  attempts?: number;
  /** Set when retrying stopped because the next wait did not fit in the retry budget. */
  overBudget?: RetryOverBudget;
}

/** A wait that did not fit in the retry budget. */
export interface RetryOverBudget {
  /** The wait, in milliseconds. */
  waitMs: number;
  /** True when the provider asked for it (`retry-after`), false for llm-do's own backoff. */
  askedByProvider: boolean;
  /** The retry budget (`maxTotalWaitMs`). */
  budgetMs: number;
  /** What was already waited for this request. */
  waitedMs: number;
}

/**
 * Wraps whatever the AI SDK or a provider threw: `Model API error from <model> (status <n>):
 * <the API's message>`, with `(gave up after <n> attempts)` appended when it was retried and
 * why retrying stopped when the wait did not fit in the budget. A broken response is
 * `Model call to <model> failed: <problem> (HTTP <status>, after <n> attempts)`. Always one line.
 * A ModelCallError passes through unchanged.
 */
export function toModelCallError(
  error: unknown,
  modelId: string,
  context: ModelCallErrorContext = {},
): ModelCallError {
  if (isLlmDoError(error, "MODEL_CALL")) return error;
  const gaveUp =
    context.attempts !== undefined && context.attempts > 1
      ? `gave up after ${context.attempts} attempts`
      : "";
  const overBudget = context.overBudget ? overBudgetText(context.overBudget) : "";
  const why = [gaveUp, overBudget].filter(Boolean).join(": ");
  const suffix = why ? ` (${why})` : "";
  const provider = modelId.split(":")[0] ?? modelId;
  if (error instanceof BrokenResponseError) return brokenResponseError(error, modelId, provider, context);
  const candidate = (error as { lastError?: unknown })?.lastError ?? error;
  const apiError = candidate as ApiCallErrorLike;
  if (typeof apiError?.statusCode === "number" && apiError.statusCode >= 400) {
    const message = apiMessage(apiError.responseBody) ?? apiError.message;
    return new ModelCallError(
      oneLine(`Model API error from ${modelId} (status ${apiError.statusCode}): ${message}${suffix}`),
      { provider, status: apiError.statusCode, modelId },
      { cause: error },
    );
  }
  const streamError = (error as { error?: { type?: unknown; message?: unknown }; type?: unknown }) ?? {};
  const inner = typeof streamError.error === "object" && streamError.error ? streamError.error : undefined;
  if (inner && typeof inner.message === "string") {
    const type = typeof inner.type === "string" ? ` (${inner.type})` : "";
    return new ModelCallError(
      oneLine(`Model API error from ${modelId}${type}: ${inner.message}${suffix}`),
      { provider, modelId },
      { cause: error },
    );
  }
  return new ModelCallError(
    oneLine(`Model call to ${modelId} failed: ${withCause(candidate)}${suffix}`),
    { provider, modelId },
    { cause: error },
  );
}

/** `Model call to <model> failed: <problem> (HTTP 200, after 3 attempts)`. */
function brokenResponseError(
  error: BrokenResponseError,
  modelId: string,
  provider: string,
  context: ModelCallErrorContext,
): ModelCallError {
  const facts = [
    ...(error.status !== undefined ? [`HTTP ${error.status}`] : []),
    ...(context.attempts !== undefined && context.attempts > 1 ? [`after ${context.attempts} attempts`] : []),
    ...(context.overBudget ? [overBudgetText(context.overBudget)] : []),
  ];
  return new ModelCallError(
    `Model call to ${modelId} failed: ${error.problem}${facts.length > 0 ? ` (${facts.join(", ")})` : ""}`,
    { provider, modelId, ...(error.status !== undefined ? { status: error.status } : {}) },
    { cause: error },
  );
}

/** `the provider asked to wait 600 s, more than the retry budget of 120 s`. */
function overBudgetText(over: RetryOverBudget): string {
  const wait = over.askedByProvider
    ? `the provider asked to wait ${formatSeconds(over.waitMs)}`
    : `the next wait would be ${formatSeconds(over.waitMs)}`;
  const budget =
    over.waitedMs > 0
      ? `the ${formatSeconds(over.budgetMs - over.waitedMs)} left of the retry budget of ${formatSeconds(over.budgetMs)}`
      : `the retry budget of ${formatSeconds(over.budgetMs)}`;
  return `${wait}, more than ${budget}`;
}

/** Line breaks (and the spaces around them) as one space: error messages are one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** The message, followed by its cause's when that says more (`... (terminated)`). */
function withCause(error: unknown): string {
  const message = errorMessage(error);
  const cause = (error as { cause?: unknown })?.cause;
  if (!(cause instanceof Error) || message.includes(cause.message)) return message;
  return `${message} (${cause.message})`;
}
