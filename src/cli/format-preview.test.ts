import { describe, expect, test } from "vitest";
import { previewArguments, previewResult, truncateText } from "./format-preview.js";

describe("previews", () => {
  test("truncateText marks the cut", () => {
    expect(truncateText("abcdef", 3)).toBe("abc...");
    expect(truncateText("abc", 3)).toBe("abc");
  });

  test("arguments: compact JSON on one line, cut to 200 characters; a worker's input shows its text", () => {
    expect(previewArguments({ path: "a.txt" })).toBe('{"path":"a.txt"}');
    expect(previewArguments({ input: "line one\n  line two" })).toBe("line one line two");
    expect(previewArguments({ input: "x", attachments: [] })).toBe('{"input":"x","attachments":[]}');
    const long = previewArguments({ content: "y".repeat(500) });
    expect(long).toHaveLength(203);
    expect(long.endsWith("...")).toBe(true);
  });

  test("results: strings as they are, cut to 500 characters, then to 10 lines", () => {
    expect(previewResult("one\ntwo")).toEqual(["  one", "  two"]);
    const long = previewResult("z".repeat(600));
    expect(long).toEqual([`  ${"z".repeat(500)}...`]);
    const many = previewResult(Array.from({ length: 15 }, (_, index) => `l${index}`).join("\n"));
    expect(many).toHaveLength(11);
    expect(many.at(-1)).toBe("  ... (5 more lines)");
    expect(previewResult({ ok: true })).toEqual(["  {", '    "ok": true', "  }"]);
  });
});
