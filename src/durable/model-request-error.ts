/**
 * @module A model request's failure as data, to send it from the process that made the request
 * to the run that asked for it: the status, headers (`retry-after`), body and retryability the
 * retry policy (`classify-model-failure.ts`) reads, or a connection error's code.
 */
import { APICallError } from "@ai-sdk/provider";
import { errorMessage } from "../errors.js";

/** A provider's error as data: what the retry policy reads from it. */
export interface ModelRequestError {
  name: string;
  message: string;
  code?: string;
  statusCode?: number;
  isRetryable?: boolean;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  url?: string;
}

/** What a provider threw, as data. */
export function describeModelError(error: unknown): ModelRequestError {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const cause = (typeof fields.cause === "object" && fields.cause !== null ? fields.cause : {}) as Record<
    string,
    unknown
  >;
  const code =
    typeof fields.code === "string" ? fields.code : typeof cause.code === "string" ? cause.code : undefined;
  return {
    name: typeof fields.name === "string" ? fields.name : "Error",
    message: errorMessage(error),
    ...(code !== undefined ? { code } : {}),
    ...(typeof fields.statusCode === "number" ? { statusCode: fields.statusCode } : {}),
    ...(typeof fields.isRetryable === "boolean" ? { isRetryable: fields.isRetryable } : {}),
    ...(typeof fields.responseHeaders === "object" && fields.responseHeaders !== null
      ? { responseHeaders: fields.responseHeaders as Record<string, string> }
      : {}),
    ...(typeof fields.responseBody === "string" ? { responseBody: fields.responseBody } : {}),
    ...(typeof fields.url === "string" ? { url: fields.url } : {}),
  };
}

/** The error {@link describeModelError} described, as the retry layer reads it. */
export function reviveModelError(error: ModelRequestError): Error {
  if (error.statusCode !== undefined || error.name === "AI_APICallError") {
    return new APICallError({
      message: error.message,
      url: error.url ?? "",
      requestBodyValues: {},
      ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
      ...(error.responseHeaders ? { responseHeaders: error.responseHeaders } : {}),
      ...(error.responseBody !== undefined ? { responseBody: error.responseBody } : {}),
      ...(error.isRetryable !== undefined ? { isRetryable: error.isRetryable } : {}),
    });
  }
  const revived = new Error(error.message) as Error & { code?: string };
  revived.name = error.name;
  if (error.code !== undefined) revived.code = error.code;
  return revived;
}
