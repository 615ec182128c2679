/**
 * @module `builtin:echo`: a deterministic offline model. It answers every request with
 * `Echo: <the last user message>`, so a worker can run with no network and no key.
 */
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { stepToStreamParts, streamOf } from "./model-step.js";

/** The text of the last user message in a prompt. */
export function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index];
    if (message?.role !== "user") continue;
    return message.content
      .map((part) => (part.type === "text" ? part.text : ""))
      .join("")
      .trim();
  }
  return "";
}

/** Creates the echo model. */
export function createEchoModel(modelId = "echo"): LanguageModelV4 {
  let counter = 0;
  const nextId = () => `echo-${++counter}`;
  const respond = (options: LanguageModelV4CallOptions) => {
    const text = `Echo: ${lastUserText(options.prompt)}`;
    return {
      parts: [{ type: "text" as const, text }],
      usage: { inputTokens: text.length, outputTokens: text.length },
    };
  };
  return {
    specificationVersion: "v4",
    provider: "builtin",
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const step = respond(options);
      return {
        content: step.parts,
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: {
            total: step.usage.inputTokens,
            noCache: undefined,
            cacheRead: undefined,
            cacheWrite: undefined,
          },
          outputTokens: { total: step.usage.outputTokens, text: undefined, reasoning: undefined },
        },
        warnings: [],
      };
    },
    async doStream(options) {
      return { stream: streamOf(stepToStreamParts(respond(options), { nextId })) };
    },
  };
}
