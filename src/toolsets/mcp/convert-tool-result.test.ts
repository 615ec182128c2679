import { describe, expect, test } from "vitest";
import { convertToolResult } from "./convert-tool-result.js";

const names = { serverName: "notes", toolName: "add_note" };

describe("convertToolResult", () => {
  test("joins text blocks into one string", () => {
    const result = {
      content: [
        { type: "text" as const, text: "one" },
        { type: "text" as const, text: "two" },
      ],
    };
    expect(convertToolResult(result, names)).toBe("one\ntwo");
    expect(convertToolResult({ content: [] }, names)).toBe("");
  });

  test("prefers structured content over the text that repeats it", () => {
    const result = {
      content: [{ type: "text" as const, text: '{"count":2}' }],
      structuredContent: { count: 2 },
    };
    expect(convertToolResult(result, names)).toEqual({ count: 2 });
  });

  test("returns mixed content blocks as they are", () => {
    const content = [
      { type: "image" as const, data: "aGk=", mimeType: "image/png" },
      { type: "text" as const, text: "caption" },
    ];
    expect(convertToolResult({ content }, names)).toEqual(content);
  });

  test("throws the server's text for an error result", () => {
    const result = {
      isError: true,
      content: [
        { type: "text" as const, text: "disk full" },
        { type: "text" as const, text: "try later" },
      ],
    };
    expect(() => convertToolResult(result, names)).toThrow(new Error("disk full\ntry later"));
    expect(() => convertToolResult({ isError: true, content: [] }, names)).toThrow(
      new Error("MCP tool 'notes.add_note' failed without a message"),
    );
  });
});
