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

/** Wraps whatever the AI SDK or a provider threw. */
export function toModelCallError(error: unknown, modelId: string): ModelCallError {
  if ((error as { code?: unknown })?.code === "MODEL_CALL") return error as ModelCallError;
  const provider = modelId.split(":")[0] ?? modelId;
  const candidate = (error as { lastError?: unknown })?.lastError ?? error;
  const apiError = candidate as ApiCallErrorLike;
  if (typeof apiError?.statusCode === "number") {
    const message = apiMessage(apiError.responseBody) ?? apiError.message;
    return new ModelCallError(
      `Model API error from ${modelId} (status ${apiError.statusCode}): ${message}`,
      { provider, status: apiError.statusCode, modelId },
      { cause: error },
    );
  }
  const streamError = (error as { error?: { type?: unknown; message?: unknown }; type?: unknown }) ?? {};
  const inner = typeof streamError.error === "object" && streamError.error ? streamError.error : undefined;
  if (inner && typeof inner.message === "string") {
    const type = typeof inner.type === "string" ? ` (${inner.type})` : "";
    return new ModelCallError(
      `Model API error from ${modelId}${type}: ${inner.message}`,
      { provider, modelId },
      { cause: error },
    );
  }
  return new ModelCallError(
    `Model call to ${modelId} failed: ${errorMessage(error)}`,
    { provider, modelId },
    { cause: error },
  );
}
