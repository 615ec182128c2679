import { APICallError } from "@ai-sdk/provider";
import { expect, test } from "vitest";
import { BrokenResponseError } from "./broken-response.js";
import { toModelCallError } from "./to-model-call-error.js";

const rateLimited = () =>
  new APICallError({
    message: "Too Many Requests",
    url: "https://api.anthropic.com/v1/messages",
    requestBodyValues: {},
    statusCode: 429,
    responseBody: '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}',
  });

test("a broken response: the problem, the HTTP status and the attempts, in one line", () => {
  const error = toModelCallError(new BrokenResponseError("the response body was empty", 200), "anthropic:m", {
    attempts: 3,
  });
  expect(error.message).toBe(
    "Model call to anthropic:m failed: the response body was empty (HTTP 200, after 3 attempts)",
  );
  expect(error.details).toEqual({ provider: "anthropic", modelId: "anthropic:m", status: 200 });
  expect(toModelCallError(new BrokenResponseError("stalled", undefined), "anthropic:m").message).toBe(
    "Model call to anthropic:m failed: stalled",
  );
});

test("a wait over the retry budget says so, with what was left of it", () => {
  expect(
    toModelCallError(rateLimited(), "anthropic:m", {
      attempts: 1,
      overBudget: { waitMs: 600_000, askedByProvider: true, budgetMs: 120_000, waitedMs: 0 },
    }).message,
  ).toBe(
    "Model API error from anthropic:m (status 429): slow down (the provider asked to wait 600 s, more than the retry budget of 120 s)",
  );
  expect(
    toModelCallError(rateLimited(), "anthropic:m", {
      attempts: 4,
      overBudget: { waitMs: 8_000, askedByProvider: false, budgetMs: 10_000, waitedMs: 7_000 },
    }).message,
  ).toBe(
    "Model API error from anthropic:m (status 429): slow down (gave up after 4 attempts: the next wait would be 8 s, more than the 3 s left of the retry budget of 10 s)",
  );
});

test("a multi-line message from a provider's client becomes one line", () => {
  const error = new Error(
    "JSON parsing failed: Text: {not json.\nError message: SyntaxError: Expected property name",
  );
  expect(toModelCallError(error, "anthropic:m").message).toBe(
    "Model call to anthropic:m failed: JSON parsing failed: Text: {not json. Error message: SyntaxError: Expected property name",
  );
});
