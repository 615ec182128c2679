import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { describe, expect, test } from "vitest";
import { generateFromStreamMiddleware } from "./generate-from-stream-middleware.js";
import { toProviderUsage } from "./model-step.js";
import { retryMiddleware, sleepFor } from "./retry-middleware.js";
import type { RetryNotice } from "./retry-notice.js";

const overloaded = () =>
  new APICallError({
    message: "Overloaded",
    url: "https://api.anthropic.com/v1/messages",
    requestBodyValues: {},
    statusCode: 529,
    responseBody: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
  });

const notFound = () =>
  new APICallError({
    message: "Not Found",
    url: "https://api.anthropic.com/v1/messages",
    requestBodyValues: {},
    statusCode: 404,
    responseBody: '{"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}',
  });

const generated: LanguageModelV4GenerateResult = {
  content: [{ type: "text", text: "ok" }],
  finishReason: { unified: "stop", raw: "stop" },
  usage: toProviderUsage({ inputTokens: 1, outputTokens: 1 }),
  warnings: [],
};

type Answer = Error | LanguageModelV4StreamPart[] | { parts: LanguageModelV4StreamPart[]; breakAfter: true };

/** A model that answers each call with the next scripted answer (an error is thrown). */
function fakeModel(answers: Answer[]) {
  const calls: LanguageModelV4CallOptions[] = [];
  const next = (options: LanguageModelV4CallOptions) => {
    calls.push(options);
    const answer = answers.shift();
    if (!answer) throw new Error("no answer left");
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const model: LanguageModelV4 = {
    specificationVersion: "v4",
    provider: "anthropic.messages",
    modelId: "claude-x",
    supportedUrls: {},
    async doGenerate(options) {
      next(options);
      return generated;
    },
    async doStream(options) {
      const answer = next(options);
      const parts = Array.isArray(answer) ? answer : answer.parts;
      const breaks = !Array.isArray(answer);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            if (breaks) controller.error(new TypeError("terminated", { cause: { code: "ECONNRESET" } }));
            else controller.close();
          },
        }),
      };
    },
  };
  return { model, calls };
}

function harness(answers: Answer[], retry: { maxAttempts?: number; maxTotalWaitMs?: number } = {}) {
  const { model, calls } = fakeModel(answers);
  const notices: RetryNotice[] = [];
  const sleeps: number[] = [];
  const retries = retryMiddleware({
    modelId: "anthropic:claude-x",
    retry: {
      ...retry,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
    onRetry: (notice) => notices.push(notice),
  });
  // `streaming` is the worker loop's stack: retries around a generate request that reads a stream.
  const streaming = wrapLanguageModel({
    model,
    middleware: [retries, generateFromStreamMiddleware(() => {})],
  });
  return { wrapped: wrapLanguageModel({ model, middleware: retries }), streaming, calls, notices, sleeps };
}

const prompt: LanguageModelV4CallOptions = {
  prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
};

async function read(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

const textParts = (text: string): LanguageModelV4StreamPart[] => [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  { type: "text-delta", id: "t", delta: text },
  { type: "text-end", id: "t" },
  {
    type: "finish",
    usage: toProviderUsage({ inputTokens: 1, outputTokens: 1 }),
    finishReason: { unified: "stop", raw: "stop" },
  },
];

describe("retryMiddleware", () => {
  test("retries a 529 with backoff and reports each retry", async () => {
    const { wrapped, calls, notices, sleeps } = harness([overloaded(), overloaded(), textParts("ok")]);
    await expect(wrapped.doGenerate(prompt)).resolves.toBe(generated);
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([750, 1500]);
    expect(notices).toEqual([
      {
        attempt: 1,
        maxAttempts: 5,
        delayMs: 750,
        status: 529,
        reason: "overloaded_error: Overloaded",
        midStream: false,
      },
      {
        attempt: 2,
        maxAttempts: 5,
        delayMs: 1500,
        status: 529,
        reason: "overloaded_error: Overloaded",
        midStream: false,
      },
    ]);
  });

  test("a stream whose request fails is retried before any part is sent", async () => {
    const { wrapped, notices } = harness([overloaded(), textParts("ok")]);
    const result = await wrapped.doStream(prompt);
    expect((await read(result.stream)).map((part) => part.type)).toEqual([
      "stream-start",
      "text-start",
      "text-delta",
      "text-end",
      "finish",
    ]);
    expect(notices).toHaveLength(1);
  });

  test("gives up after maxAttempts with the provider, status, message and attempts", async () => {
    const { wrapped, calls } = harness([overloaded(), overloaded(), overloaded()], { maxAttempts: 3 });
    await expect(wrapped.doStream(prompt)).rejects.toThrow(
      "Model API error from anthropic:claude-x (status 529): Overloaded (gave up after 3 attempts)",
    );
    expect(calls).toHaveLength(3);
  });

  test("gives up when the next wait would pass the total cap", async () => {
    const { wrapped, sleeps } = harness([overloaded(), overloaded(), overloaded()], { maxTotalWaitMs: 2000 });
    await expect(wrapped.doGenerate(prompt)).rejects.toThrow("gave up after 2 attempts");
    expect(sleeps).toEqual([750]);
  });

  test("does not retry what cannot succeed, and rethrows it unchanged", async () => {
    const error = notFound();
    const { wrapped, notices } = harness([error]);
    await expect(wrapped.doGenerate(prompt)).rejects.toBe(error);
    expect(notices).toEqual([]);
  });

  test("a response that broke off mid-stream is retried whole, the notice says midStream", async () => {
    const streamError = {
      message: "Overloaded",
      type: "overloaded_error",
      statusCode: 529,
      isRetryable: true,
    };
    const { streaming, calls, notices, sleeps } = harness([
      [
        { type: "stream-start", warnings: [] },
        { type: "text-delta", id: "t", delta: "Hel" },
        { type: "error", error: streamError },
      ],
      textParts("Hello"),
    ]);
    const result = await streaming.doGenerate(prompt);
    expect(result.content).toEqual([{ type: "text", text: "Hello" }]);
    expect(calls).toHaveLength(2);
    expect(notices).toEqual([
      {
        attempt: 1,
        maxAttempts: 5,
        delayMs: 750,
        status: 529,
        reason: "overloaded_error: Overloaded",
        midStream: true,
      },
    ]);
    expect(sleeps).toEqual([750]);
  });

  test("a mid-stream error that cannot succeed is rethrown unchanged, not wrapped", async () => {
    const streamError = {
      message: "You exceeded your current quota",
      type: "insufficient_quota",
      statusCode: 429,
    };
    const { streaming, calls } = harness([[{ type: "error", error: streamError }]]);
    await expect(streaming.doGenerate(prompt)).rejects.toBe(streamError);
    expect(calls).toHaveLength(1);
  });

  test("a connection dropped mid-stream is retried as a connection error", async () => {
    const { streaming, notices } = harness([
      { parts: [{ type: "stream-start", warnings: [] }], breakAfter: true },
      textParts("ok"),
    ]);
    await expect(streaming.doGenerate(prompt)).resolves.toMatchObject({
      content: [{ type: "text", text: "ok" }],
    });
    expect(notices[0]).toMatchObject({
      status: null,
      reason: "connection error: ECONNRESET",
      midStream: true,
    });
  });

  test("gives up on repeated mid-stream failures with the attempts counted", async () => {
    const streamError = {
      message: "Overloaded",
      type: "overloaded_error",
      statusCode: 529,
      isRetryable: true,
    };
    const broken: LanguageModelV4StreamPart[] = [{ type: "error", error: streamError }];
    const { streaming } = harness([broken, broken], { maxAttempts: 2 });
    await expect(streaming.doGenerate(prompt)).rejects.toThrow("gave up after 2 attempts");
  });

  test("a stream that fails inside doStream reaches its reader (only the opening is retried)", async () => {
    const streamError = { message: "Overloaded", statusCode: 529, isRetryable: true };
    const { wrapped, notices } = harness([[{ type: "error", error: streamError }], textParts("next")]);
    const parts = await read((await wrapped.doStream(prompt)).stream);
    expect(parts).toEqual([{ type: "error", error: streamError }]);
    expect(notices).toEqual([]);
  });

  test("an abort during the wait ends the request", async () => {
    const { model } = fakeModel([overloaded(), textParts("ok")]);
    const controller = new AbortController();
    const wrapped = wrapLanguageModel({
      model,
      middleware: retryMiddleware({
        modelId: "anthropic:claude-x",
        onRetry: () => controller.abort(new Error("stopped")),
      }),
    });
    await expect(wrapped.doGenerate({ ...prompt, abortSignal: controller.signal })).rejects.toThrow(
      "stopped",
    );
  });
});

describe("sleepFor", () => {
  test("waits, or rejects with the signal's reason, whether it aborts before or during the wait", async () => {
    await expect(sleepFor(1)).resolves.toBeUndefined();
    const reason = new Error("stopped by the user");
    await expect(sleepFor(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const waiting = sleepFor(60_000, controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });
});
