import { APICallError } from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import { AbortError } from "../errors.js";
import { BrokenResponseError } from "./broken-response.js";
import { classifyModelFailure, isUnexplainedFailure } from "./classify-model-failure.js";

const now = Date.parse("2026-01-01T00:00:00Z");

function apiError(statusCode: number, body: string, headers: Record<string, string> = {}) {
  return new APICallError({
    message: "request failed",
    url: "https://api.example/v1/messages",
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: body,
  });
}

const overloaded = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';

describe("classifyModelFailure", () => {
  test("529 overloaded is retryable, with the API's type and message", () => {
    expect(classifyModelFailure(apiError(529, overloaded), now)).toEqual({
      retryable: true,
      status: 529,
      reason: "overloaded_error: Overloaded",
    });
  });

  test("429 carries its retry-after", () => {
    const body = '{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}';
    expect(classifyModelFailure(apiError(429, body, { "retry-after": "7" }), now)).toEqual({
      retryable: true,
      status: 429,
      reason: "rate_limit_error: Rate limited",
      retryAfterMs: 7000,
    });
  });

  test("4xx errors other than 408/409/429 are not retried", () => {
    const body = '{"type":"error","error":{"type":"not_found_error","message":"model: x"}}';
    expect(classifyModelFailure(apiError(404, body), now)).toMatchObject({ retryable: false, status: 404 });
  });

  test("x-should-retry overrides the status", () => {
    expect(
      classifyModelFailure(apiError(529, overloaded, { "x-should-retry": "false" }), now).retryable,
    ).toBe(false);
    expect(classifyModelFailure(apiError(400, "{}", { "X-Should-Retry": "true" }), now).retryable).toBe(true);
  });

  test("an exhausted quota (a 429 that waiting does not fix) is not retried", () => {
    const body =
      '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}';
    expect(classifyModelFailure(apiError(429, body), now)).toEqual({
      retryable: false,
      status: 429,
      reason: "insufficient_quota: You exceeded your current quota",
    });
  });

  test("a provider stream error part uses its own status and retryability", () => {
    const part = { message: "Overloaded", type: "overloaded_error", statusCode: 529, isRetryable: true };
    expect(classifyModelFailure(part, now)).toEqual({
      retryable: true,
      status: 529,
      reason: "overloaded_error: Overloaded",
    });
  });

  test("connection failures are retryable", () => {
    const reset = new TypeError("terminated", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    expect(classifyModelFailure(reset, now)).toEqual({
      retryable: true,
      reason: "connection error: UND_ERR_SOCKET",
    });
    const refused = new APICallError({
      message: "Cannot connect to API: connect ECONNREFUSED",
      url: "http://127.0.0.1:1",
      requestBodyValues: {},
      isRetryable: true,
    });
    expect(classifyModelFailure(refused, now)).toEqual({
      retryable: true,
      reason: "connection error: Cannot connect to API: connect ECONNREFUSED",
    });
    expect(classifyModelFailure(new TypeError("terminated"), now).retryable).toBe(true);
  });

  test("aborts and plain errors are not retried", () => {
    expect(classifyModelFailure(new AbortError(), now)).toEqual({ retryable: false, reason: "aborted" });
    expect(
      classifyModelFailure(new DOMException("The operation was aborted", "AbortError"), now).retryable,
    ).toBe(false);
    expect(classifyModelFailure(new Error("bad tool schema"), now)).toEqual({
      retryable: false,
      reason: "bad tool schema",
    });
  });

  test("a broken response is retried like a dropped connection, with its problem as the reason", () => {
    expect(
      classifyModelFailure(
        new BrokenResponseError("the response stream ended without message_stop", 200),
        now,
      ),
    ).toEqual({ retryable: true, reason: "the response stream ended without message_stop" });
  });
});

test("isUnexplainedFailure: anything that is not an API error, a dropped connection or an abort", () => {
  expect(isUnexplainedFailure(new Error("Expected a normalized Anthropic stream error"))).toBe(true);
  expect(isUnexplainedFailure(apiError(400, "{}"))).toBe(false);
  expect(isUnexplainedFailure(new TypeError("terminated"))).toBe(false);
  expect(isUnexplainedFailure(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(false);
  expect(isUnexplainedFailure(new DOMException("aborted", "AbortError"))).toBe(false);
});
