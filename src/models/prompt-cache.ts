/**
 * @module Prompt caching: where a request marks cache breakpoints, per provider. A worker's tool
 * loop sends its whole conversation again at every step; providers bill a prefix they have
 * cached at about a tenth of the input price. Anthropic caches only up to the breakpoints a
 * request marks (`cache_control`); OpenAI caches long prefixes by itself and takes a
 * `prompt_cache_key` that keeps one worker's requests on the same cache.
 */
import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4Message,
  LanguageModelV4Middleware,
  LanguageModelV4ProviderTool,
  SharedV4ProviderOptions,
} from "@ai-sdk/provider";

/** A worker's `prompt_cache`: the cache's lifetime, or off. */
export type PromptCacheSetting = "5m" | "1h" | "off";

/** The lifetimes a worker can choose, for messages. */
export const PROMPT_CACHE_SETTINGS: readonly PromptCacheSetting[] = ["5m", "1h", "off"];

/** Anthropic accepts at most this many breakpoints in one request. */
export const MAX_ANTHROPIC_BREAKPOINTS = 4;

/** How one request is cached: which provider's way, the lifetime, and the worker's cache key. */
export type PromptCachePlan =
  | { type: "anthropic"; ttl: "5m" | "1h" }
  | { type: "openai"; cacheKey: string }
  | { type: "none" };

/**
 * The plan for a model of `provider` (the AI SDK's provider id, e.g. `anthropic.messages`,
 * `openai.responses`) called by `workerName`.
 */
export function planPromptCache(
  provider: string,
  setting: PromptCacheSetting,
  workerName: string,
): PromptCachePlan {
  if (setting === "off") return { type: "none" };
  if (provider.startsWith("anthropic")) return { type: "anthropic", ttl: setting };
  if (provider.startsWith("openai")) return { type: "openai", cacheKey: `llm-do:${workerName}` };
  // Google and the others cache a repeated prefix by themselves and take no marks.
  return { type: "none" };
}

/**
 * The request with the plan applied. Anthropic: a breakpoint after the stable prefix (the last
 * system message, or the last tool definition when there are no instructions), one on the
 * newest message, and one on the newest message of the request before (the user or tool
 * message that ended it), so each step reads what the step before wrote. Breakpoints the
 * request already has count against the provider's limit; ours are dropped first, oldest first.
 */
export function applyPromptCache(
  params: LanguageModelV4CallOptions,
  plan: PromptCachePlan,
): LanguageModelV4CallOptions {
  switch (plan.type) {
    case "none":
      return params;
    case "openai":
      return withOpenAiCacheKey(params, plan.cacheKey);
    case "anthropic":
      return withAnthropicBreakpoints(params, plan.ttl);
  }
}

/** The middleware that applies `plan` to every request of a model. */
export function promptCacheMiddleware(plan: PromptCachePlan): LanguageModelV4Middleware {
  return {
    specificationVersion: "v4",
    transformParams: async ({ params }) => applyPromptCache(params, plan),
  };
}

function withOpenAiCacheKey(
  params: LanguageModelV4CallOptions,
  cacheKey: string,
): LanguageModelV4CallOptions {
  const openai = params.providerOptions?.openai ?? {};
  if (openai.promptCacheKey !== undefined) return params;
  return {
    ...params,
    providerOptions: { ...params.providerOptions, openai: { ...openai, promptCacheKey: cacheKey } },
  };
}

type Marked = { providerOptions?: SharedV4ProviderOptions };

function withAnthropicBreakpoints(
  params: LanguageModelV4CallOptions,
  ttl: "5m" | "1h",
): LanguageModelV4CallOptions {
  const prompt = [...params.prompt];
  const tools = params.tools ? [...params.tools] : undefined;
  const available = MAX_ANTHROPIC_BREAKPOINTS - countBreakpoints(prompt, tools);
  // In order of value: the prefix every step shares, then the newest message, then the one before.
  const wanted = [stablePrefixTarget(prompt, tools), ...rollingTargets(prompt)].filter(
    (target) => target !== undefined,
  );
  for (const target of wanted.slice(0, Math.max(0, available))) {
    // Non-null: targets are indices into prompt and tools found just above.
    if (target.kind === "message") prompt[target.index] = mark(prompt[target.index]!, ttl);
    const tool = target.kind === "tool" ? tools?.[target.index] : undefined;
    if (tool?.type === "function") tools![target.index] = mark(tool, ttl);
  }
  return { ...params, prompt, ...(tools ? { tools } : {}) };
}

type Target = { kind: "message" | "tool"; index: number };

function stablePrefixTarget(
  prompt: readonly LanguageModelV4Message[],
  tools: ReadonlyArray<LanguageModelV4FunctionTool | LanguageModelV4ProviderTool> | undefined,
): Target | undefined {
  const system = prompt.findLastIndex((message) => message.role === "system");
  if (system >= 0) return { kind: "message", index: system };
  // Anthropic orders a request tools, system, messages: without instructions, the tools are it.
  const tool = tools?.findLastIndex((candidate) => candidate.type === "function") ?? -1;
  return tool >= 0 ? { kind: "tool", index: tool } : undefined;
}

function rollingTargets(prompt: readonly LanguageModelV4Message[]): Target[] {
  const newest = prompt.length - 1;
  // Non-null: newest is an index into prompt (checked >= 0 first).
  if (newest < 0 || prompt[newest]!.role === "system") return [];
  const targets: Target[] = [{ kind: "message", index: newest }];
  // The request before ended with a user or tool message, followed by the answer to it.
  for (let index = newest - 1; index >= 0; index--) {
    // Non-null: index runs within the prompt.
    const role = prompt[index]!.role;
    if (role === "system") break;
    if ((role === "user" || role === "tool") && prompt[index + 1]?.role === "assistant") {
      targets.push({ kind: "message", index });
      break;
    }
  }
  return targets;
}

function mark<T extends Marked>(item: T, ttl: "5m" | "1h"): T {
  const anthropic = item.providerOptions?.anthropic ?? {};
  if (anthropic.cacheControl !== undefined) return item;
  const cacheControl = ttl === "5m" ? { type: "ephemeral" } : { type: "ephemeral", ttl };
  return { ...item, providerOptions: { ...item.providerOptions, anthropic: { ...anthropic, cacheControl } } };
}

function countBreakpoints(
  prompt: readonly LanguageModelV4Message[],
  tools: ReadonlyArray<LanguageModelV4FunctionTool | LanguageModelV4ProviderTool> | undefined,
): number {
  let count = 0;
  const has = (item: Marked) => {
    const options = item.providerOptions?.anthropic;
    if (options?.cacheControl !== undefined || options?.cache_control !== undefined) count++;
  };
  for (const message of prompt) {
    has(message);
    if (typeof message.content !== "string") for (const part of message.content) has(part);
  }
  for (const tool of tools ?? []) if (tool.type === "function") has(tool);
  return count;
}
