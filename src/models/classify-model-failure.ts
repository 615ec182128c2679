/**
 * @module What went wrong with a model request, for the retry policy and for events: an HTTP
 * error (`APICallError`), an error event inside a stream, or a dropped connection.
 */

import { BrokenResponseError } from "./broken-response.js";
import { type AttemptFailure, parseRetryAfter } from "./retry-policy.js";
import { apiMessage } from "./to-model-call-error.js";

/** A classified failure: what the policy needs plus a short reason for people. */
export interface ModelFailure extends AttemptFailure {
  /** E.g. `overloaded_error: Overloaded`, `HTTP 503`, `connection error: ECONNRESET`. */
  reason: string;
}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  statusCode?: unknown;
  isRetryable?: unknown;
  responseHeaders?: unknown;
  responseBody?: unknown;
  type?: unknown;
  cause?: unknown;
}

const networkCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Statuses worth another attempt: timeouts, conflicts, rate limits, server errors (incl. 529). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Classifies whatever a provider threw or put in an `error` stream part. Status errors follow
 * the provider's `isRetryable` (else the status), an `x-should-retry` header overrides both,
 * and `insufficient_quota` (a 429 that waiting does not fix) is never retried. Aborts never are.
 * A broken response (incomplete, unreadable, stalled, too slow) is retried like a dropped
 * connection.
 */
export function classifyModelFailure(error: unknown, nowMs: number): ModelFailure {
  if (error instanceof BrokenResponseError) return { retryable: true, reason: error.problem };
  const fields = asFields(error);
  if (isAbort(fields)) return { retryable: false, reason: "aborted" };
  // A status below 400 is the status of a response whose body then broke off.
  const status =
    typeof fields.statusCode === "number" && fields.statusCode >= 400 ? fields.statusCode : undefined;
  const connection = status === undefined ? findConnectionFailure(error) : undefined;
  if (connection) return { retryable: true, reason: `connection error: ${connection}` };
  if (status !== undefined || typeof fields.isRetryable === "boolean") {
    return classifyApiError(fields, status, nowMs);
  }
  const message = typeof fields.message === "string" ? fields.message : String(error);
  return { retryable: false, reason: shorten(message) };
}

/**
 * True when `error` is none of the failures classified here by their fields: not an API error
 * (status, `isRetryable`), not a dropped connection, not an abort. Thrown while reading a
 * response that arrived with a 2xx status, such an error means the response could not be read.
 */
export function isUnexplainedFailure(error: unknown): boolean {
  const fields = asFields(error);
  if (isAbort(fields) || typeof fields.statusCode === "number" || typeof fields.isRetryable === "boolean") {
    return false;
  }
  return findConnectionFailure(error) === undefined;
}

function classifyApiError(fields: ErrorFields, status: number | undefined, nowMs: number): ModelFailure {
  const headers = isStringRecord(fields.responseHeaders) ? fields.responseHeaders : undefined;
  const body = typeof fields.responseBody === "string" ? fields.responseBody : undefined;
  const type = errorType(fields, body);
  const message = apiMessage(body) ?? (typeof fields.message === "string" ? fields.message : undefined) ?? "";
  let retryable =
    typeof fields.isRetryable === "boolean"
      ? fields.isRetryable
      : status !== undefined && isRetryableStatus(status);
  const shouldRetry = headerValue(headers, "x-should-retry");
  if (shouldRetry === "true") retryable = true;
  if (shouldRetry === "false") retryable = false;
  if (type === "insufficient_quota") retryable = false;
  const label = type ?? (status !== undefined ? `HTTP ${status}` : retryable ? "connection error" : "error");
  const reason = shorten(message ? `${label}: ${message}` : label);
  const failure: ModelFailure = { retryable, reason };
  if (status !== undefined) failure.status = status;
  const retryAfterMs = parseRetryAfter(headers, nowMs);
  if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
  return failure;
}

function errorType(fields: ErrorFields, body: string | undefined): string | undefined {
  if (typeof fields.type === "string") return fields.type;
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { type?: unknown; code?: unknown } };
    const code = parsed.error?.code;
    if (code === "insufficient_quota") return code;
    return typeof parsed.error?.type === "string" ? parsed.error.type : undefined;
  } catch {
    return undefined;
  }
}

/** A network error code, or the message undici uses for a dropped connection, in the cause chain. */
function findConnectionFailure(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let message: string | undefined;
  let current: unknown = error;
  while (current !== null && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const fields = current as ErrorFields;
    if (typeof fields.code === "string" && networkCodes.has(fields.code)) return fields.code;
    if (
      typeof fields.message === "string" &&
      /^(terminated|fetch failed|other side closed)$/i.test(fields.message)
    )
      message ??= fields.message;
    current = fields.cause;
  }
  return message;
}

function isAbort(fields: ErrorFields): boolean {
  return fields.name === "AbortError" || fields.name === "TimeoutError" || fields.code === "ABORTED";
}

function asFields(error: unknown): ErrorFields {
  return typeof error === "object" && error !== null ? (error as ErrorFields) : {};
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  return Object.entries(headers)
    .find(([key]) => key.toLowerCase() === name)?.[1]
    ?.trim()
    .toLowerCase();
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
