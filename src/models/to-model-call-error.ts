/**
 * @module Provider failures as one clear error: provider, model, status and the API's message.
 */
import { errorMessage, ModelCallError } from "../errors.js";

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
}

/**
 * Wraps whatever the AI SDK or a provider threw: `Model API error from <model> (status <n>):
 * <the API's message>`, with `(gave up after <n> attempts)` appended when it was retried.
 * A ModelCallError passes through unchanged.
 */
export function toModelCallError(
  error: unknown,
  modelId: string,
  context: ModelCallErrorContext = {},
): ModelCallError {
  if ((error as { code?: unknown })?.code === "MODEL_CALL") return error as ModelCallError;
  const suffix =
    context.attempts !== undefined && context.attempts > 1
      ? ` (gave up after ${context.attempts} attempts)`
      : "";
  const provider = modelId.split(":")[0] ?? modelId;
  const candidate = (error as { lastError?: unknown })?.lastError ?? error;
  const apiError = candidate as ApiCallErrorLike;
  if (typeof apiError?.statusCode === "number" && apiError.statusCode >= 400) {
    const message = apiMessage(apiError.responseBody) ?? apiError.message;
    return new ModelCallError(
      `Model API error from ${modelId} (status ${apiError.statusCode}): ${message}${suffix}`,
      { provider, status: apiError.statusCode, modelId },
      { cause: error },
    );
  }
  const streamError = (error as { error?: { type?: unknown; message?: unknown }; type?: unknown }) ?? {};
  const inner = typeof streamError.error === "object" && streamError.error ? streamError.error : undefined;
  if (inner && typeof inner.message === "string") {
    const type = typeof inner.type === "string" ? ` (${inner.type})` : "";
    return new ModelCallError(
      `Model API error from ${modelId}${type}: ${inner.message}${suffix}`,
      { provider, modelId },
      { cause: error },
    );
  }
  return new ModelCallError(
    `Model call to ${modelId} failed: ${withCause(candidate)}${suffix}`,
    { provider, modelId },
    { cause: error },
  );
}

/** The message, followed by its cause's when that says more (`... (terminated)`). */
function withCause(error: unknown): string {
  const message = errorMessage(error);
  const cause = (error as { cause?: unknown })?.cause;
  if (!(cause instanceof Error) || message.includes(cause.message)) return message;
  return `${message} (${cause.message})`;
}
