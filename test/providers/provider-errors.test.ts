/**
 * Provider failures replayed through llm-do: recorded error bodies and the Anthropic errors users
 * quoted from the real API (429 with retry-after, 529 overloaded, a 500, the mid-stream
 * `overloaded_error` event), and what the run does with them: retries as events, one retry
 * layer, discarded partial output, and a final message with provider, status and the API's words.
 */
import { describe, expect, test } from "vitest";
import type { RunEvent } from "../../src/index.js";
import { assertBalanced } from "../support/collect-run.js";
import {
  loadCassette,
  loadChunks,
  loadJsonBody,
  loadSse,
  midStreamAnthropicError,
  observedAnthropicError,
  type RecordedExchange,
  resetMidStream,
} from "../support/provider-fixtures.js";
import { eventsOf, replayRun, toolCalls } from "../support/provider-replay.js";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const messages = { path: "/v1/messages" };
const helloText =
  "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?";
const hello = () => loadChunks("vercel-ai/anthropic-text.chunks.txt", messages)[0]!;
const overloaded = () => observedAnthropicError("anthropic-529-overloaded-http");

/**
 * The retry-related story of a run, in order. `model-retry` and `model-response` come from
 * callbacks, so their place relative to streamed text can vary by a few parts: they are left
 * out here and checked on their own. Text events and `model-output-discarded` are in stream order.
 */
function story(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) => {
    switch (event.type) {
      case "model-output-discarded":
        return [`discarded step ${event.step}: ${JSON.stringify(event.text)}`];
      case "text-end":
        return [`text: ${JSON.stringify(event.text)}`];
      case "run-end":
        return [`run-end ${event.outcome}${event.error ? `: ${event.error.message}` : ""}`];
      default:
        return [];
    }
  });
}

/** The `model-retry` events, in order. */
function retries(events: readonly RunEvent[]): string[] {
  return eventsOf(events, "model-retry").map(
    (event) =>
      `retry after attempt ${event.attempt}/${event.maxAttempts}: ${event.status ?? "no status"} ${event.reason} (wait ${event.delayMs} ms${event.midStream ? ", mid-stream" : ""})`,
  );
}

describe("errors that retrying cannot fix fail at once, with the API's message", () => {
  test.each([
    [
      "Anthropic 404 (unknown model)",
      "pydantic-ai/test_model_name_suggestion[anthropic].yaml",
      "anthropic:claude-sonet-4-5",
      "Model API error from anthropic:claude-sonet-4-5 (status 404): model: claude-sonet-4-5",
    ],
    [
      "Anthropic 400 (unsupported option)",
      "pydantic-ai/test_anthropic_explicit_effort_xhigh_unsupported_model_errors.yaml",
      "anthropic:claude-opus-4-6",
      "Model API error from anthropic:claude-opus-4-6 (status 400): This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.",
    ],
    [
      "OpenAI Chat 404 (unknown model)",
      "pydantic-ai/test_model_name_suggestion[openai-chat].yaml",
      "openai-chat:gpt-5.2-proo",
      "Model API error from openai-chat:gpt-5.2-proo (status 404): The model `gpt-5.2-proo` does not exist or you do not have access to it.",
    ],
    [
      "OpenAI Responses 400 to a streaming request",
      "pydantic-ai/test_openai_responses_model_http_error.yaml",
      "openai:gpt-4o",
      "Model API error from openai:gpt-4o (status 400): Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got -1 instead.",
    ],
  ])("%s", async (_name, file, model, message) => {
    const outcome = await replayRun({ exchanges: loadCassette(file), model });
    expect(outcome.error?.message).toBe(message);
    expect(outcome.error?.code).toBe("MODEL_CALL");
    expect(eventsOf(outcome.events, "model-retry")).toEqual([]);
    expect(outcome.requests).toHaveLength(1);
    assertBalanced(outcome.events);
  });

  test("an exhausted OpenAI quota (429 insufficient_quota) is not retried", async () => {
    const outcome = await replayRun({
      exchanges: [loadJsonBody("vercel-ai/openai-error.1.json", { path: "/v1/responses", status: 429 })],
      model: "openai:gpt-5-nano",
    });
    expect(outcome.error?.message).toMatch(
      /^Model API error from openai:gpt-5-nano \(status 429\): You exceeded your current quota, please check your plan/,
    );
    expect(outcome.requests).toHaveLength(1);
  });

  test("an OpenAI Responses stream that fails midway with insufficient_quota is not retried", async () => {
    const outcome = await replayRun({
      exchanges: loadChunks("vercel-ai/openai-error.1.chunks.txt", { path: "/v1/responses" }),
      model: "openai:gpt-5-nano",
    });
    expect(outcome.error?.message).toMatch(
      /^Model API error from openai:gpt-5-nano.*You exceeded your current quota/,
    );
    expect(eventsOf(outcome.events, "model-retry")).toEqual([]);
    expect(outcome.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  test("429 with retry-after: waits as asked, says so, then succeeds", async () => {
    const outcome = await replayRun({
      exchanges: [
        observedAnthropicError("anthropic-429-rate-limit-account", { "retry-after": "2" }),
        hello(),
      ],
      model: "anthropic:claude-haiku-4-5",
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.sleeps).toEqual([2000]);
    expect(retries(outcome.events)).toEqual([
      "retry after attempt 1/5: 429 rate_limit_error: This request would exceed your account's rate limit. Please try again later. (wait 2000 ms)",
    ]);
    expect(story(outcome.events)).toEqual([`text: ${JSON.stringify(helloText)}`, "run-end ok"]);
    expect(outcome.requests).toHaveLength(2);
  });

  test("529 overloaded (no retry-after): exponential backoff with jitter", async () => {
    const outcome = await replayRun({
      exchanges: [overloaded(), observedAnthropicError("anthropic-500-api-error"), hello()],
      model: "anthropic:claude-haiku-4-5",
      retry: { random: () => 0.5 },
    });
    expect(outcome.result?.output).toBe(helloText);
    expect(outcome.sleeps).toEqual([750, 1500]);
    expect(retries(outcome.events)).toEqual([
      "retry after attempt 1/5: 529 overloaded_error: Overloaded (wait 750 ms)",
      "retry after attempt 2/5: 500 api_error: Overloaded (wait 1500 ms)",
    ]);
  });

  test("gives up after maxAttempts with provider, status, message and the attempts", async () => {
    const outcome = await replayRun({
      exchanges: [overloaded(), overloaded(), overloaded()],
      model: "anthropic:claude-haiku-4-5",
      retry: { maxAttempts: 3 },
    });
    expect(outcome.error?.message).toBe(
      "Model API error from anthropic:claude-haiku-4-5 (status 529): Overloaded (gave up after 3 attempts)",
    );
    expect(eventsOf(outcome.events, "model-retry").map((event) => event.attempt)).toEqual([1, 2]);
    expect(outcome.requests).toHaveLength(3);
    assertBalanced(outcome.events);
  });

  test("a retry-after longer than the total wait cap is not waited for, and the error says why", async () => {
    const outcome = await replayRun({
      exchanges: [observedAnthropicError("anthropic-429-rate-limit-account", { "retry-after": "600" })],
      model: "anthropic:claude-haiku-4-5",
      retry: { maxTotalWaitMs: 60_000 },
    });
    expect(outcome.error?.message).toBe(
      "Model API error from anthropic:claude-haiku-4-5 (status 429): This request would exceed your account's rate limit. Please try again later. (the provider asked to wait 600 s, more than the retry budget of 60 s)",
    );
    expect(outcome.sleeps).toEqual([]);
  });

  test("after some waiting, the error counts what is left of the budget and the attempts", async () => {
    const outcome = await replayRun({
      exchanges: [
        observedAnthropicError("anthropic-429-rate-limit-account", { "retry-after": "20" }),
        observedAnthropicError("anthropic-429-rate-limit-account", { "retry-after": "50" }),
      ],
      model: "anthropic:claude-haiku-4-5",
      retry: { maxTotalWaitMs: 60_000 },
    });
    expect(outcome.error?.message).toBe(
      "Model API error from anthropic:claude-haiku-4-5 (status 429): This request would exceed your account's rate limit. Please try again later. (gave up after 2 attempts: the provider asked to wait 50 s, more than the 40 s left of the retry budget of 60 s)",
    );
    expect(outcome.sleeps).toEqual([20_000]);
  });

  test("one retry layer: each failure is one request, the SDK does not retry on its own", async () => {
    const outcome = await replayRun({
      exchanges: [overloaded(), hello()],
      model: "anthropic:claude-haiku-4-5",
      retry: { maxAttempts: 1 },
    });
    expect(outcome.error?.message).toBe(
      "Model API error from anthropic:claude-haiku-4-5 (status 529): Overloaded",
    );
    expect(outcome.requests).toHaveLength(1);
    expect(outcome.unused).toBe(1);
  });
});

describe("an error event in the middle of a stream", () => {
  test("is a failed attempt: the whole request is retried and the partial text is marked discarded", async () => {
    const outcome = await replayRun({
      exchanges: [midStreamAnthropicError(hello(), 6), hello()],
      model: "anthropic:claude-haiku-4-5",
    });
    expect(outcome.error).toBeUndefined();
    expect(retries(outcome.events)).toEqual([
      "retry after attempt 1/5: 529 overloaded_error: Overloaded (wait 750 ms, mid-stream)",
    ]);
    // The broken attempt's text never ends (no text-end); the discard closes it.
    expect(story(outcome.events)).toEqual([
      `discarded step 1: ${JSON.stringify("Hello! I'm doing well, thank you for asking")}`,
      `text: ${JSON.stringify(helloText)}`,
      "run-end ok",
    ]);
    // Not a half result: the output and the conversation hold the second attempt only.
    expect(outcome.result?.output).toBe(helloText);
    const reply = outcome.result?.messages.at(-1);
    const content = reply?.role === "assistant" && Array.isArray(reply.content) ? reply.content : [];
    expect(content.filter((part) => part.type === "text")).toEqual([{ type: "text", text: helloText }]);
    expect(outcome.requests[1]?.body).toEqual(outcome.requests[0]?.body);
  });

  test("after a complete tool call: the tool runs once, for the attempt that completed", async () => {
    const weather = loadSse("anthropic-sdk-typescript/tool_use_response.txt", messages);
    const outcome = await replayRun({
      exchanges: [midStreamAnthropicError(weather, 13), weather, hello()],
      model: "anthropic:claude-sonnet-4-0",
      tools: { get_weather: { temperature: 18 } },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(['get_weather {"location":"Paris"}']);
    expect(eventsOf(outcome.events, "model-output-discarded").map((event) => event.text)).toEqual([
      "I'll check the current weather in Paris for you.",
    ]);
    expect(outcome.result?.output).toBe(helloText);
  });

  test("when it keeps failing, the run ends with the API's message and the attempts", async () => {
    const failing = (): RecordedExchange => midStreamAnthropicError(hello(), 5);
    const outcome = await replayRun({
      exchanges: [failing(), failing(), failing()],
      model: "anthropic:claude-haiku-4-5",
      retry: { maxAttempts: 3 },
    });
    expect(outcome.error?.message).toBe(
      "Model API error from anthropic:claude-haiku-4-5 (status 529): Overloaded (gave up after 3 attempts)",
    );
    expect(eventsOf(outcome.events, "model-retry")).toHaveLength(2);
    expect(eventsOf(outcome.events, "model-output-discarded")).toHaveLength(2);
    assertBalanced(outcome.events);
  });

  test("a connection reset midway is retried like an overload", async () => {
    const outcome = await replayRun({
      exchanges: [resetMidStream(hello(), 5), hello()],
      model: "anthropic:claude-haiku-4-5",
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.output).toBe(helloText);
    const [retry] = eventsOf(outcome.events, "model-retry");
    expect(retry).toMatchObject({ attempt: 1, status: null, midStream: true });
    expect(retry?.reason).toMatch(/^connection error/);
  });
});
