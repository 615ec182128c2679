/**
 * @module A language model whose streams never carry the provider's raw chunks.
 *
 * The worker loop asks the AI SDK for raw parts (`includeRawChunks`) only to see the marker that
 * `withRetries` puts at the start of a retried stream. The SDK passes the same flag on to the
 * provider, which then adds a raw copy of every chunk it receives: twice the parts through every
 * stage of the SDK's stream pipeline, all of them kept until the loop ends.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";

/** Wraps `model` so that it is always asked for no raw chunks; everything else passes through. */
export function withoutRawChunks(model: LanguageModelV4): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    doGenerate: (options) => model.doGenerate(options),
    doStream: (options) => model.doStream({ ...options, includeRawChunks: false }),
  };
}
