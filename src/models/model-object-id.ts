/**
 * @module The `provider:model-id` of a model object given in code, in llm-do's provider names,
 * so that `compatible_models`, prices and server-side tools treat `anthropic("claude-haiku-4-5")`
 * like the string `anthropic:claude-haiku-4-5`.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";

/**
 * llm-do's provider name for an AI SDK provider id: its family (`anthropic.messages` is
 * `anthropic`, `google.generative-ai` is `google`), with `openai.chat` as `openai-chat`.
 */
export function providerNameOf(aiSdkProvider: string): string {
  const [family = aiSdkProvider, api] = aiSdkProvider.split(".");
  return family === "openai" && api === "chat" ? "openai-chat" : family;
}

/** `anthropic:claude-haiku-4-5` for the model object of `@ai-sdk/anthropic`'s `anthropic("claude-haiku-4-5")`. */
export function modelObjectId(model: Pick<LanguageModelV4, "provider" | "modelId">): string {
  return `${providerNameOf(model.provider)}:${model.modelId}`;
}
