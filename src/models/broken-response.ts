/**
 * @module A model response that is not a complete, valid answer although its request went
 * through: an empty body, a body that is not an event stream, a stream that ended before the
 * provider's finish event, an event that cannot be read, a response that stalled or a request
 * that ran too long. Never an answer: the retry layer retries it like a stream that broke off,
 * and the final error says what was wrong.
 */
import {
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  TypeValidationError,
} from "@ai-sdk/provider";

/** What was wrong with a response, and the HTTP status it came with (when headers arrived). */
export class BrokenResponseError extends Error {
  constructor(
    /** One line, e.g. `the response stream ended without message_stop`. */
    readonly problem: string,
    /** The response's HTTP status, or undefined when no response headers arrived. */
    readonly status: number | undefined,
  ) {
    super(status === undefined ? problem : `${problem} (HTTP ${status})`);
    this.name = "BrokenResponseError";
  }
}

/** What is known about one finished response stream. */
export interface StreamEnding {
  /** The model's provider, e.g. `anthropic.messages`, `openai.chat`. */
  provider: string;
  /** The unified finish reason of the stream's `finish` part, if it sent one. */
  finishReason: string | undefined;
  /** True when the stream held anything besides its opening (a `stream-start` part). */
  sawEvents: boolean;
  /** The HTTP response, when the request went over HTTP. */
  http?: { contentType: string | undefined; bytes: number } | undefined;
}

/**
 * Why a stream that ended normally is still not a complete answer, or undefined when it is one.
 * Complete means the provider sent its finish event: a `finish` part whose reason is not
 * `interrupted` (the AI SDK's word for a stream cut before the provider said it was done).
 */
export function incompleteResponseProblem(ending: StreamEnding): string | undefined {
  if (ending.finishReason !== undefined && ending.finishReason !== "interrupted") return undefined;
  const { http } = ending;
  if (http && http.bytes === 0) return "the response body was empty";
  if (http && !/^text\/event-stream\b/i.test(http.contentType?.trim() ?? "")) {
    return http.contentType
      ? `the response was ${oneLine(http.contentType, 60)}, not an event stream`
      : "the response was not an event stream: it had no content-type";
  }
  if (!ending.sawEvents) return "the response stream held no events";
  return `the response stream ended without ${finishSignal(ending.provider)}`;
}

/**
 * What is wrong with a response whose stream (or its opening) failed with `error`, when the
 * error says the response itself was unreadable: an event that is not JSON, an event of a shape
 * the provider's client does not know, invalid data, or an empty body. Undefined for any other
 * error (an API error event, a broken connection), which keeps its own handling.
 */
export function unreadableResponseProblem(error: unknown): string | undefined {
  if (JSONParseError.isInstance(error)) {
    return `the response stream held an event that is not valid JSON: ${oneLine(error.text, 80)}`;
  }
  if (TypeValidationError.isInstance(error)) {
    return `the response stream held an event of an unknown shape: ${oneLine(jsonText(error.value), 80)}`;
  }
  if (InvalidResponseDataError.isInstance(error)) {
    // The OpenAI-compatible client's word for a stream cut before its finish_reason.
    if (/ended without a finish reason/i.test(error.message)) {
      return "the response stream ended without a finish_reason";
    }
    return `the response was invalid: ${oneLine(error.message, 120).replace(/\.$/, "")}`;
  }
  if (EmptyResponseBodyError.isInstance(error)) return "the response body was empty";
  return undefined;
}

/** The event that ends a complete response, in the provider's own words. */
function finishSignal(provider: string): string {
  if (provider.startsWith("anthropic")) return "message_stop";
  if (provider.endsWith(".responses")) return "response.completed";
  if (provider.startsWith("google")) return "a finishReason";
  if (provider.endsWith(".chat") || provider.endsWith(".completion")) return "a finish_reason";
  return "a finish event";
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Whitespace runs (line breaks included) as one space, cut to `max` characters. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
