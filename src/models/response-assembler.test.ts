import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import { toProviderUsage } from "./model-step.js";
import { ResponseAssembler } from "./response-assembler.js";

function assemble(parts: LanguageModelV4StreamPart[]) {
  const assembler = new ResponseAssembler();
  for (const part of parts) assembler.add(part);
  return assembler.result();
}

const usage = toProviderUsage({ inputTokens: 12, outputTokens: 7 });

describe("ResponseAssembler", () => {
  test("text deltas become one text part per block, in the order the blocks started", () => {
    const result = assemble([
      { type: "stream-start", warnings: [{ type: "other", message: "temperature ignored" }] },
      { type: "response-metadata", id: "msg_1", modelId: "claude-x" },
      { type: "text-start", id: "a" },
      { type: "text-delta", id: "a", delta: "Hel" },
      { type: "text-start", id: "b" },
      { type: "text-delta", id: "b", delta: "Second" },
      { type: "text-delta", id: "a", delta: "lo" },
      { type: "text-end", id: "a" },
      { type: "text-end", id: "b" },
      { type: "finish", usage, finishReason: { unified: "stop", raw: "end_turn" } },
    ]);
    expect(result).toEqual({
      content: [
        { type: "text", text: "Hello" },
        { type: "text", text: "Second" },
      ],
      finishReason: { unified: "stop", raw: "end_turn" },
      usage,
      response: { id: "msg_1", modelId: "claude-x" },
      warnings: [{ type: "other", message: "temperature ignored" }],
    });
  });

  test("reasoning keeps the provider metadata of its last part (the signature comes at the end)", () => {
    const result = assemble([
      { type: "reasoning-start", id: "r", providerMetadata: { anthropic: { signature: "" } } },
      { type: "reasoning-delta", id: "r", delta: "Think" },
      { type: "reasoning-delta", id: "r", delta: "ing." },
      { type: "reasoning-end", id: "r", providerMetadata: { anthropic: { signature: "sig-1" } } },
      { type: "text-delta", id: "t", delta: "Answer" },
      { type: "text-end", id: "t", citations: [{ type: "url", url: "https://example.com" }] as never },
    ]);
    expect(result.content).toEqual([
      { type: "reasoning", text: "Thinking.", providerMetadata: { anthropic: { signature: "sig-1" } } },
      { type: "text", text: "Answer", citations: [{ type: "url", url: "https://example.com" }] },
    ]);
  });

  test("a block id used again after it ended starts a new block", () => {
    const result = assemble([
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "one" },
      { type: "text-end", id: "0" },
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "two" },
      { type: "text-end", id: "0" },
    ]);
    expect(result.content).toEqual([
      { type: "text", text: "one" },
      { type: "text", text: "two" },
    ]);
  });

  test("tool calls, provider tool results and sources are kept as sent; tool input deltas are not", () => {
    const call: LanguageModelV4StreamPart = {
      type: "tool-call",
      toolCallId: "c1",
      toolName: "web_search",
      input: '{"query":"q"}',
      providerExecuted: true,
    };
    const toolResult: LanguageModelV4StreamPart = {
      type: "tool-result",
      toolCallId: "c1",
      toolName: "web_search",
      result: [{ url: "https://example.com" }],
    };
    const source: LanguageModelV4StreamPart = {
      type: "source",
      sourceType: "url",
      id: "s1",
      url: "https://example.com",
    };
    const result = assemble([
      { type: "tool-input-start", id: "c1", toolName: "web_search" },
      { type: "tool-input-delta", id: "c1", delta: '{"query"' },
      { type: "tool-input-end", id: "c1" },
      call,
      toolResult,
      source,
      { type: "ping" },
      { type: "raw", rawValue: { any: "thing" } },
      {
        type: "finish",
        usage,
        finishReason: { unified: "tool-calls", raw: "tool_use" },
        providerMetadata: { anthropic: { cacheCreationInputTokens: 0 } },
      },
    ]);
    expect(result.content).toEqual([call, toolResult, source]);
    expect(result.finishReason).toEqual({ unified: "tool-calls", raw: "tool_use" });
    expect(result.providerMetadata).toEqual({ anthropic: { cacheCreationInputTokens: 0 } });
  });

  test("a stream that ended without a finish part reports finish reason other and no usage", () => {
    const result = assemble([{ type: "text-delta", id: "t", delta: "cut" }]);
    expect(result.content).toEqual([{ type: "text", text: "cut" }]);
    expect(result.finishReason).toEqual({ unified: "other", raw: undefined });
    expect(result.usage.inputTokens.total).toBeUndefined();
  });

  test("the open block's text and everything streamed so far can be read mid-stream", () => {
    const assembler = new ResponseAssembler();
    for (const part of [
      { type: "reasoning-delta", id: "r", delta: "plan" },
      { type: "text-delta", id: "a", delta: "one " },
      { type: "text-end", id: "a" },
      { type: "text-delta", id: "b", delta: "two" },
    ] as LanguageModelV4StreamPart[])
      assembler.add(part);
    expect(assembler.openText("b")).toBe("two");
    expect(assembler.openText("a")).toBe("");
    expect(assembler.streamed()).toEqual({ text: "one two", reasoning: "plan" });
  });

  test("the request and response facts of doStream are passed on, stream metadata winning", () => {
    const assembler = new ResponseAssembler();
    assembler.add({ type: "response-metadata", id: "resp_9" });
    expect(
      assembler.result({
        request: { body: { model: "x" } },
        response: { headers: { "request-id": "r1" }, id: "ignored" },
      }),
    ).toMatchObject({
      request: { body: { model: "x" } },
      response: { headers: { "request-id": "r1" }, id: "resp_9" },
    });
  });
});
