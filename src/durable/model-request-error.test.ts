import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { classifyModelFailure } from "../models/classify-model-failure.js";
import { describeModelError, reviveModelError } from "./model-request-error.js";

const roundTrip = (error: unknown) => reviveModelError(JSON.parse(JSON.stringify(describeModelError(error))));

describe("a model request's failure, sent as data", () => {
  it("keeps a 429's status and retry-after: the run retries it after the wait the provider asked", () => {
    const error = new APICallError({
      message: "rate_limit_error: slow down",
      url: "https://api.anthropic.com/v1/messages",
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { "retry-after": "7" },
      responseBody: '{"type":"error"}',
      isRetryable: true,
    });
    const revived = roundTrip(error);
    expect(APICallError.isInstance(revived)).toBe(true);
    const now = Date.now();
    expect(classifyModelFailure(revived, now)).toEqual(classifyModelFailure(error, now));
    expect(classifyModelFailure(revived, now)).toMatchObject({ retryable: true, retryAfterMs: 7000 });
  });

  it("keeps a 400 not retryable, and a dropped connection's code retryable", () => {
    const badRequest = new APICallError({
      message: "invalid_request_error: bad",
      url: "u",
      requestBodyValues: {},
      statusCode: 400,
      isRetryable: false,
    });
    expect(classifyModelFailure(roundTrip(badRequest), 0).retryable).toBe(false);
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    const revived = roundTrip(reset);
    expect(revived).toMatchObject({ message: "fetch failed", code: "ECONNRESET" });
    expect(classifyModelFailure(revived, 0).retryable).toBe(true);
  });
});
