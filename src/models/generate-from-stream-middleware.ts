/**
 * @module A language model middleware whose generate request streams: it asks the wrapped model
 * for a stream, hands each part to a listener as it arrives, and returns the assembled response.
 *
 * The worker loop runs on the AI SDK's `generateText` through this middleware. The provider
 * still streams (text reaches the terminal as it is written, long requests do not sit idle), but
 * a step costs one promise instead of `streamText`'s chain of web streams, and nothing is kept
 * for replay. Kept (no AI SDK middleware does this) because the benchmark still shows why: in
 * `bench/run.mjs --quick --only=fanOut`, 200 parallel sub-workers take 1,850 ms as nested
 * `streamText` loops, 450 ms as `generateText` loops and 410 ms in llm-do (and
 * `experimental_streamTextLowMemory` is no way out: bench/findings.md, section 1).
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { errorMessage } from "../errors.js";
import { isAbortError } from "../util/is-abort-error.js";
import {
  BrokenResponseError,
  incompleteResponseProblem,
  oneLine,
  unreadableResponseProblem,
} from "./broken-response.js";
import { isUnexplainedFailure } from "./classify-model-failure.js";
import { MidStreamFailure } from "./mid-stream-failure.js";
import { defaultRequestTimeouts, type RequestTimeouts } from "./request-timeouts.js";
import { RequestWatch, runWatched } from "./request-watch.js";
import { ResponseAssembler } from "./response-assembler.js";

/**
 * Sees every part of every response, in order, as it arrives, with the response as it stands
 * before the part is added: at a `text-end`, `response.openText(id)` is the block's whole text.
 */
export type StreamPartListener = (part: LanguageModelV4StreamPart, response: ResponseAssembler) => void;

/** Options of {@link generateFromStreamMiddleware}. */
export interface GenerateFromStreamOptions {
  /** How long each attempt may stall or take (default {@link defaultRequestTimeouts}). */
  timeouts?: RequestTimeouts;
}

/**
 * A generate request reads the wrapped model's stream to its end (without raw chunks), under a
 * {@link RequestWatch}. A request that fails throws the provider's error unchanged; a failure
 * after the stream started (an `error` part, a broken connection) throws a
 * {@link MidStreamFailure}. A response that is not a complete answer (no finish event, an empty
 * or unreadable body, a stall, a request past its time) is a {@link BrokenResponseError},
 * wrapped in a MidStreamFailure once the stream has started. An abort is rethrown as is.
 * Stream requests pass through.
 */
export function generateFromStreamMiddleware(
  onPart: StreamPartListener,
  options: GenerateFromStreamOptions = {},
): LanguageModelV4Middleware {
  const timeouts = options.timeouts ?? defaultRequestTimeouts;
  return {
    specificationVersion: "v4",
    // The model itself, not `doStream`: each attempt needs its own abort signal and no raw chunks.
    wrapGenerate: ({ model, params }) => collect(model, params, onPart, timeouts),
  };
}

async function collect(
  model: LanguageModelV4,
  options: LanguageModelV4CallOptions,
  onPart: StreamPartListener,
  timeouts: RequestTimeouts,
): Promise<LanguageModelV4GenerateResult> {
  const attempt = new AbortController();
  const watch = new RequestWatch(timeouts, (expired) => attempt.abort(expired));
  const signal = options.abortSignal
    ? AbortSignal.any([options.abortSignal, attempt.signal])
    : attempt.signal;
  /**
   * What a failure means: the timeout that caused it, an unreadable response, or itself. A
   * `thrown` error that is none of the known failures, from a response that arrived with a 2xx
   * status, means the provider's client could not read the response.
   */
  const explain = (error: unknown, thrown: boolean): unknown => {
    if (watch.expired) return watch.expired;
    const status = watch.http?.status;
    const problem =
      unreadableResponseProblem(error) ??
      (thrown && status !== undefined && status >= 200 && status < 300 && isUnexplainedFailure(error)
        ? `the response could not be read: ${errorMessage(error)}`
        : undefined);
    return problem ? new BrokenResponseError(oneLine(problem), status) : error;
  };
  try {
    let opened: Awaited<ReturnType<LanguageModelV4["doStream"]>>;
    try {
      opened = await runWatched(watch, () =>
        model.doStream({ ...options, abortSignal: signal, includeRawChunks: false }),
      );
    } catch (error) {
      throw explain(error, true);
    }
    const { stream, request, response } = opened;
    const assembler = new ResponseAssembler();
    const reader = stream.getReader();
    let sawEvents = false;
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        if (!watch.expired && (options.abortSignal?.aborted || isAbortError(error))) throw error;
        throw new MidStreamFailure(explain(error, true));
      }
      if (next.done) break;
      watch.touch();
      const part = next.value;
      if (part.type === "error") {
        reader.cancel(part.error).catch(() => {});
        throw new MidStreamFailure(explain(part.error, false));
      }
      if (part.type !== "stream-start") sawEvents = true;
      onPart(part, assembler);
      assembler.add(part);
    }
    const problem = incompleteResponseProblem({
      provider: model.provider,
      finishReason: assembler.finishReason()?.unified,
      sawEvents,
      http: watch.http,
    });
    if (problem) throw new MidStreamFailure(new BrokenResponseError(problem, watch.http?.status));
    return assembler.result({
      ...(request ? { request } : {}),
      ...(response ? { response } : {}),
    });
  } finally {
    watch.stop();
  }
}
