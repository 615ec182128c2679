/**
 * @module A language model whose `doGenerate` streams: it asks the wrapped model for a stream,
 * hands each part to a listener as it arrives, and returns the assembled response.
 *
 * The worker loop runs on the AI SDK's `generateText` through this wrapper. The provider still
 * streams (text reaches the terminal as it is written, long requests do not sit idle), but a
 * step costs one promise instead of `streamText`'s chain of web streams, and nothing is kept
 * for replay: with 1,000 sub-workers at once that was most of the time and memory of a run.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { isAbortError } from "../util/is-abort-error.js";
import { MidStreamFailure } from "./mid-stream-failure.js";
import { ResponseAssembler } from "./response-assembler.js";

/**
 * Sees every part of every response, in order, as it arrives, with the response as it stands
 * before the part is added: at a `text-end`, `response.openText(id)` is the block's whole text.
 */
export type StreamPartListener = (part: LanguageModelV4StreamPart, response: ResponseAssembler) => void;

/**
 * Wraps `model`: `doGenerate` reads `doStream` to its end (without raw chunks). A request that
 * fails throws the provider's error unchanged; a failure after the stream started (an `error`
 * part, a broken connection) throws a {@link MidStreamFailure}. An abort is rethrown as is.
 * `doStream` passes through.
 */
export function generateFromStream(model: LanguageModelV4, onPart: StreamPartListener): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    doGenerate: (options) => collect(model, options, onPart),
    doStream: (options) => model.doStream(options),
  };
}

async function collect(
  model: LanguageModelV4,
  options: LanguageModelV4CallOptions,
  onPart: StreamPartListener,
): Promise<LanguageModelV4GenerateResult> {
  const { stream, request, response } = await model.doStream({ ...options, includeRawChunks: false });
  const assembler = new ResponseAssembler();
  const reader = stream.getReader();
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      if (options.abortSignal?.aborted || isAbortError(error)) throw error;
      throw new MidStreamFailure(error);
    }
    if (next.done) break;
    const part = next.value;
    if (part.type === "error") {
      reader.cancel(part.error).catch(() => {});
      throw new MidStreamFailure(part.error);
    }
    onPart(part, assembler);
    assembler.add(part);
  }
  return assembler.result({
    ...(request ? { request } : {}),
    ...(response ? { response } : {}),
  });
}
