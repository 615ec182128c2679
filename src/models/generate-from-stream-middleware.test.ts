import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { JSONParseError } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { describe, expect, test } from "vitest";
import { BrokenResponseError } from "./broken-response.js";
import {
  type GenerateFromStreamOptions,
  generateFromStreamMiddleware,
  type StreamPartListener,
} from "./generate-from-stream-middleware.js";
import { MidStreamFailure } from "./mid-stream-failure.js";
import { toProviderUsage } from "./model-step.js";

/** `model` with the middleware, as the worker loop wraps it. */
function generating(model: LanguageModelV4, onPart: StreamPartListener, options?: GenerateFromStreamOptions) {
  return wrapLanguageModel({ model, middleware: generateFromStreamMiddleware(onPart, options) });
}

const prompt: LanguageModelV4CallOptions = {
  prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  includeRawChunks: true,
};

const finish: LanguageModelV4StreamPart = {
  type: "finish",
  usage: toProviderUsage({ inputTokens: 3, outputTokens: 2 }),
  finishReason: { unified: "stop", raw: "end_turn" },
};

/** A model whose doStream sends `parts`, then closes, fails with `breakWith`, or stays open. */
function streamingModel(parts: LanguageModelV4StreamPart[], end: { breakWith?: unknown } = {}) {
  const seen: LanguageModelV4CallOptions[] = [];
  let cancelled: unknown = "not cancelled";
  const model: LanguageModelV4 = {
    specificationVersion: "v4",
    provider: "test",
    modelId: "m",
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error("doGenerate must not be called")),
    doStream: async (options) => {
      seen.push(options);
      return {
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            for (const part of parts) controller.enqueue(part);
            if (end.breakWith !== undefined) controller.error(end.breakWith);
            else controller.close();
          },
          cancel(reason) {
            cancelled = reason;
          },
        }),
        response: { headers: { "x-request-id": "abc" } },
      };
    },
  };
  return { model, seen, cancelled: () => cancelled };
}

async function failureOf(model: LanguageModelV4, options: LanguageModelV4CallOptions): Promise<unknown> {
  try {
    await model.doGenerate(options);
  } catch (error) {
    return error;
  }
  throw new Error("doGenerate succeeded");
}

describe("generateFromStreamMiddleware", () => {
  test("hands each part to the listener as it comes and returns the assembled response", async () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "Hi " },
      { type: "text-delta", id: "t", delta: "there" },
      { type: "text-end", id: "t" },
      finish,
    ];
    const { model, seen } = streamingModel(parts);
    const heard: LanguageModelV4StreamPart[] = [];
    const result = await generating(model, (part) => heard.push(part)).doGenerate(prompt);
    expect(heard).toEqual(parts);
    expect(result.content).toEqual([{ type: "text", text: "Hi there" }]);
    expect(result.finishReason.unified).toBe("stop");
    expect(result.usage.outputTokens.total).toBe(2);
    expect(result.response?.headers).toEqual({ "x-request-id": "abc" });
    expect(seen[0]?.includeRawChunks).toBe(false);
  });

  test("an error part ends the response with a MidStreamFailure carrying the provider's error", async () => {
    const providerError = { type: "overloaded_error", message: "Overloaded" };
    const { model, cancelled } = streamingModel([
      { type: "text-delta", id: "t", delta: "par" },
      { type: "error", error: providerError },
      { type: "text-delta", id: "t", delta: "tial" },
    ]);
    const heard: string[] = [];
    const failure = await failureOf(
      generating(model, (part) => heard.push(part.type)),
      prompt,
    );
    expect(failure).toBeInstanceOf(MidStreamFailure);
    expect((failure as MidStreamFailure).cause).toBe(providerError);
    expect(heard).toEqual(["text-delta"]);
    expect(cancelled()).toBe(providerError);
  });

  test("a broken connection is a MidStreamFailure too", async () => {
    const broken = new TypeError("terminated");
    const { model } = streamingModel([{ type: "stream-start", warnings: [] }], { breakWith: broken });
    const failure = await failureOf(
      generating(model, () => {}),
      prompt,
    );
    expect(failure).toBeInstanceOf(MidStreamFailure);
    expect((failure as MidStreamFailure).cause).toBe(broken);
  });

  test("an abort is rethrown as it is, not as a stream failure", async () => {
    const abort = new DOMException("This operation was aborted", "AbortError");
    const { model } = streamingModel([], { breakWith: abort });
    await expect(generating(model, () => {}).doGenerate(prompt)).rejects.toBe(abort);
  });

  test("a request that fails before streaming throws the provider's error unchanged", async () => {
    const refused = new Error("401 invalid x-api-key");
    const model: LanguageModelV4 = {
      ...streamingModel([]).model,
      doStream: () => Promise.reject(refused),
    };
    await expect(generating(model, () => {}).doGenerate(prompt)).rejects.toBe(refused);
  });

  test.each([
    ["no finish part", [] as LanguageModelV4StreamPart[]],
    [
      "an `interrupted` finish",
      [
        { ...finish, finishReason: { unified: "interrupted", raw: undefined } },
      ] as LanguageModelV4StreamPart[],
    ],
  ])("a stream that ends with %s is a broken response, not an answer", async (_name, ending) => {
    const { model } = streamingModel([
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "half an ans" },
      ...ending,
    ]);
    const failure = await failureOf(
      generating(model, () => {}),
      prompt,
    );
    expect(failure).toBeInstanceOf(MidStreamFailure);
    const cause = (failure as MidStreamFailure).cause;
    expect(cause).toBeInstanceOf(BrokenResponseError);
    expect((cause as BrokenResponseError).problem).toBe("the response stream ended without a finish event");
  });

  test("an unparsable event is a broken response with a one-line problem", async () => {
    const { model } = streamingModel([
      { type: "stream-start", warnings: [] },
      { type: "error", error: new JSONParseError({ text: "{not\njson", cause: new SyntaxError("bad") }) },
    ]);
    const failure = await failureOf(
      generating(model, () => {}),
      prompt,
    );
    expect(((failure as MidStreamFailure).cause as BrokenResponseError).problem).toBe(
      "the response stream held an event that is not valid JSON: {not json",
    );
  });

  test("a stream that goes quiet past the idle timeout is cut off as a stalled response", async () => {
    let cancelled = false;
    const model: LanguageModelV4 = {
      ...streamingModel([]).model,
      doStream: async (options) => ({
        stream: new ReadableStream<LanguageModelV4StreamPart>({
          start(controller) {
            controller.enqueue({ type: "stream-start", warnings: [] });
            controller.enqueue({ type: "text-start", id: "t" });
            controller.enqueue({ type: "text-delta", id: "t", delta: "Thinking" });
            // Nothing more, ever; the attempt's signal is how the wrapper gives up.
            options.abortSignal?.addEventListener("abort", () => {
              cancelled = true;
              controller.error(options.abortSignal?.reason);
            });
          },
        }),
      }),
    };
    const started = Date.now();
    const failure = await failureOf(
      generating(model, () => {}, { timeouts: { idleMs: 50, requestMs: 10_000 } }),
      prompt,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(cancelled).toBe(true);
    expect(((failure as MidStreamFailure).cause as BrokenResponseError).problem).toBe(
      "the response stalled: no data for 0.05 s, the idle_timeout",
    );
  });

  test("a request that never opens its stream is stopped by the request timeout", async () => {
    const model: LanguageModelV4 = {
      ...streamingModel([]).model,
      doStream: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener("abort", () => reject(new Error("aborted by signal")));
        }),
    };
    const failure = await failureOf(
      generating(model, () => {}, { timeouts: { idleMs: 10_000, requestMs: 50 } }),
      prompt,
    );
    expect(failure).toBeInstanceOf(BrokenResponseError);
    expect((failure as BrokenResponseError).problem).toBe(
      "the request took longer than 0.05 s, the request_timeout",
    );
  });

  test("the caller's abort still wins over the attempt's own signal", async () => {
    const controller = new AbortController();
    const abort = new DOMException("This operation was aborted", "AbortError");
    const model: LanguageModelV4 = {
      ...streamingModel([]).model,
      doStream: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener("abort", () => reject(abort));
          controller.abort();
        }),
    };
    await expect(
      generating(model, () => {}).doGenerate({ ...prompt, abortSignal: controller.signal }),
    ).rejects.toBe(abort);
  });
});
