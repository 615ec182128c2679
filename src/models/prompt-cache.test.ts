import type {
  LanguageModelV4CallOptions,
  LanguageModelV4FunctionTool,
  LanguageModelV4Message,
} from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import { applyPromptCache, MAX_ANTHROPIC_BREAKPOINTS, planPromptCache } from "./prompt-cache.js";

const system: LanguageModelV4Message = { role: "system", content: "You are careful." };
const user: LanguageModelV4Message = { role: "user", content: [{ type: "text", text: "Read a.txt" }] };
const assistant = (id: string): LanguageModelV4Message => ({
  role: "assistant",
  content: [{ type: "tool-call", toolCallId: id, toolName: "read_file", input: "{}" }],
});
const toolResult = (id: string): LanguageModelV4Message => ({
  role: "tool",
  content: [
    { type: "tool-result", toolCallId: id, toolName: "read_file", output: { type: "text", value: "x" } },
  ],
});
const readFile: LanguageModelV4FunctionTool = {
  type: "function",
  name: "read_file",
  inputSchema: { type: "object" },
};

function request(prompt: LanguageModelV4Message[], tools = [readFile]): LanguageModelV4CallOptions {
  return { prompt, tools };
}

/** The indexes of the messages (and tools) that carry an Anthropic breakpoint. */
function breakpoints(params: LanguageModelV4CallOptions) {
  const marked = (item: { providerOptions?: Record<string, Record<string, unknown>> }) =>
    item.providerOptions?.anthropic?.cacheControl;
  return {
    messages: params.prompt.flatMap((message, index) => (marked(message) ? [index] : [])),
    tools: (params.tools ?? []).flatMap((tool, index) =>
      tool.type === "function" && marked(tool) ? [index] : [],
    ),
    values: params.prompt.flatMap((message) => (marked(message) ? [marked(message)] : [])),
  };
}

const anthropic5m = planPromptCache("anthropic.messages", "5m", "main");

describe("planPromptCache", () => {
  test("Anthropic models (API key and OAuth) get breakpoints with the worker's lifetime", () => {
    expect(planPromptCache("anthropic.messages", "1h", "main")).toEqual({ type: "anthropic", ttl: "1h" });
    expect(planPromptCache("anthropic-oauth.messages", "5m", "main")).toEqual({
      type: "anthropic",
      ttl: "5m",
    });
  });

  test("OpenAI models get a cache key per worker; others and 'off' get nothing", () => {
    expect(planPromptCache("openai.responses", "5m", "analyzer")).toEqual({
      type: "openai",
      cacheKey: "llm-do:analyzer",
    });
    expect(planPromptCache("google.generative-ai", "5m", "main")).toEqual({ type: "none" });
    expect(planPromptCache("anthropic.messages", "off", "main")).toEqual({ type: "none" });
    expect(planPromptCache("openai.chat", "off", "main")).toEqual({ type: "none" });
  });
});

describe("applyPromptCache for Anthropic", () => {
  test("step 1: the instructions and the user message", () => {
    const marked = breakpoints(applyPromptCache(request([system, user]), anthropic5m));
    expect(marked.messages).toEqual([0, 1]);
    expect(marked.tools).toEqual([]);
    expect(marked.values).toEqual([{ type: "ephemeral" }, { type: "ephemeral" }]);
  });

  test("a later step: the instructions, the newest message and the one that ended the step before", () => {
    const prompt = [system, user, assistant("1"), toolResult("1"), assistant("2"), toolResult("2")];
    expect(breakpoints(applyPromptCache(request(prompt), anthropic5m)).messages).toEqual([0, 3, 5]);
    const second = [system, user, assistant("1"), toolResult("1")];
    expect(breakpoints(applyPromptCache(request(second), anthropic5m)).messages).toEqual([0, 1, 3]);
  });

  test("what one step marks last is what the next step marks before: a rolling prefix", () => {
    const steps = [
      [system, user],
      [system, user, assistant("1"), toolResult("1")],
      [system, user, assistant("1"), toolResult("1"), assistant("2"), toolResult("2")],
    ];
    for (let index = 1; index < steps.length; index++) {
      const before = breakpoints(applyPromptCache(request(steps[index - 1]!), anthropic5m)).messages;
      const now = breakpoints(applyPromptCache(request(steps[index]!), anthropic5m)).messages;
      expect(now).toContain(before.at(-1));
    }
  });

  test("without instructions the tool definitions are the stable prefix", () => {
    const marked = breakpoints(applyPromptCache(request([user]), anthropic5m));
    expect(marked.tools).toEqual([0]);
    expect(marked.messages).toEqual([0]);
  });

  test("the 1h lifetime is written into each breakpoint", () => {
    const plan = planPromptCache("anthropic.messages", "1h", "main");
    const marked = breakpoints(applyPromptCache(request([system, user]), plan));
    expect(marked.values).toEqual([
      { type: "ephemeral", ttl: "1h" },
      { type: "ephemeral", ttl: "1h" },
    ]);
  });

  test("never more than the provider's limit: breakpoints the request already has count", () => {
    const own = (message: LanguageModelV4Message): LanguageModelV4Message => ({
      ...message,
      providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } },
    });
    const prompt = [
      system,
      own(user),
      assistant("1"),
      own(toolResult("1")),
      assistant("2"),
      own(toolResult("2")),
      assistant("3"),
      toolResult("3"),
    ];
    const marked = breakpoints(applyPromptCache(request(prompt), anthropic5m));
    expect(marked.messages.length + marked.tools.length).toBe(MAX_ANTHROPIC_BREAKPOINTS);
    // The stable prefix is the one added.
    expect(marked.messages).toEqual([0, 1, 3, 5]);
  });

  test("the caller's own provider options are kept; the input is not changed", () => {
    const withThinking: LanguageModelV4Message = {
      ...user,
      providerOptions: { anthropic: { something: true }, other: { x: 1 } },
    };
    const params = request([system, withThinking]);
    const before = structuredClone(params);
    const result = applyPromptCache(params, anthropic5m);
    expect(params).toEqual(before);
    expect(result.prompt[1]!.providerOptions).toEqual({
      anthropic: { something: true, cacheControl: { type: "ephemeral" } },
      other: { x: 1 },
    });
  });
});

describe("applyPromptCache for OpenAI", () => {
  test("sets promptCacheKey unless the worker set one", () => {
    const plan = planPromptCache("openai.responses", "5m", "main");
    expect(applyPromptCache(request([system, user]), plan).providerOptions).toEqual({
      openai: { promptCacheKey: "llm-do:main" },
    });
    const own = { ...request([system, user]), providerOptions: { openai: { promptCacheKey: "mine" } } };
    expect(applyPromptCache(own, plan).providerOptions).toEqual({ openai: { promptCacheKey: "mine" } });
    expect(breakpoints(applyPromptCache(request([system, user]), plan)).messages).toEqual([]);
  });
});
