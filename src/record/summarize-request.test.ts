import { describe, expect, test } from "vitest";
import { hashText, summarizeRequest } from "./summarize-request.js";

describe("summarizeRequest", () => {
  test("hashes the instructions, sorts tool names, keeps only messages after the last answer", () => {
    const summary = summarizeRequest({
      prompt: [
        { role: "system", content: "Be brief." },
        { role: "user", content: [{ type: "text", text: "first" }] },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "1", toolName: "b", input: {} }],
        },
        {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: "1",
              toolName: "b",
              output: { type: "json", value: { n: 1 } },
            },
            {
              type: "tool-result",
              toolCallId: "2",
              toolName: "c",
              output: { type: "error-text", value: "boom" },
            },
            { type: "tool-result", toolCallId: "3", toolName: "d", output: { type: "execution-denied" } },
          ],
        },
      ],
      tools: [
        { type: "function", name: "b", inputSchema: {} },
        { type: "function", name: "a", inputSchema: {} },
      ],
    });
    expect(summary).toEqual({
      instructions: hashText("Be brief."),
      tools: ["a", "b"],
      messages: [
        { role: "tool", name: "b", output: { n: 1 } },
        { role: "tool", name: "c", error: "boom" },
        { role: "tool", name: "d", denied: true },
      ],
    });
  });

  test("a user message with a file keeps a hash of it, not its bytes", () => {
    const summary = summarizeRequest({
      prompt: [
        {
          role: "user",
          content: [
            { type: "text", text: "look" },
            { type: "file", mediaType: "image/png", filename: "a.png", data: { type: "data", data: "aGk=" } },
          ],
        },
      ],
    });
    expect(summary.messages).toEqual([
      {
        role: "user",
        text: "look",
        files: [{ media_type: "image/png", name: "a.png", hash: hashText("aGk=") }],
      },
    ]);
  });
});
