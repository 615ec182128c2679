import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { decodeStreamParts, encodeStreamParts, streamOfParts } from "./stream-parts-codec.js";

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

describe("stream parts as JSON", () => {
  it("comes back as it was: dates, bytes and provider metadata included", () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: "stream-start", warnings: [] },
      {
        type: "response-metadata",
        id: "msg_1",
        modelId: "m",
        timestamp: new Date("2026-12-04T10:00:00.000Z"),
      },
      {
        type: "file",
        mediaType: "image/png",
        data: { type: "data", data: new Uint8Array([137, 80, 78, 71]) },
      },
      {
        type: "tool-call",
        toolCallId: "t1",
        toolName: "add",
        input: '{"a":1}',
        providerMetadata: { x: { y: 1 } },
      },
      { type: "finish", usage, finishReason: { unified: "tool-calls", raw: "tool_use" } },
    ];
    const stored = JSON.parse(JSON.stringify(encodeStreamParts(parts)));
    const decoded = decodeStreamParts(stored);
    expect(decoded[1]).toEqual(parts[1]);
    expect((decoded[1] as { timestamp: Date }).timestamp).toBeInstanceOf(Date);
    const file = decoded[2] as Extract<LanguageModelV4StreamPart, { type: "file" }>;
    expect(file.data).toEqual({ type: "data", data: new Uint8Array([137, 80, 78, 71]) });
    expect((file.data as { data: unknown }).data).toBeInstanceOf(Uint8Array);
    expect(decoded[3]).toEqual(parts[3]);
    expect(decoded[4]).toEqual({
      type: "finish",
      usage: { inputTokens: { total: 10, noCache: 10 }, outputTokens: { total: 5, text: 5 } },
      finishReason: { unified: "tool-calls", raw: "tool_use" },
    });
  });

  it("joins consecutive deltas of one text and drops raw and ping parts", () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "Hello " },
      { type: "raw", rawValue: { anything: true } },
      { type: "text-delta", id: "0", delta: "world" },
      { type: "ping" },
      { type: "text-end", id: "0" },
    ];
    expect(encodeStreamParts(parts)).toEqual([
      { type: "text-start", id: "0" },
      { type: "text-delta", id: "0", delta: "Hello world" },
      { type: "text-end", id: "0" },
    ]);
  });

  it("streams the parts again, in order", async () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-start", id: "0" },
      { type: "text-end", id: "0" },
    ];
    const read: LanguageModelV4StreamPart[] = [];
    for await (const part of streamOfParts(parts)) read.push(part);
    expect(read).toEqual(parts);
  });
});
