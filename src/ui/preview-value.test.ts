import { describe, expect, test } from "vitest";
import { ARGUMENT_LIMITS, previewInline, previewValue, RESULT_LIMITS } from "./preview-value.js";

describe("previewValue", () => {
  test("an object: one line per property, multi-line strings as indented blocks", () => {
    expect(
      previewValue({ path: "a.md", content: "one\ntwo\n", mode: { append: true } }, ARGUMENT_LIMITS),
    ).toEqual(["path: a.md", "content:", "  one", "  two", 'mode: {"append":true}']);
  });

  test("strings as they are, arrays as indented JSON", () => {
    expect(previewValue("plain", RESULT_LIMITS)).toEqual(["plain"]);
    expect(previewValue([1, 2], RESULT_LIMITS)).toEqual(["[", "  1,", "  2", "]"]);
  });

  test("cuts long lines, many lines and long text", () => {
    const lines = previewValue(
      Array.from({ length: 30 }, (_, index) => `line ${index}`).join("\n"),
      RESULT_LIMITS,
    );
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toBe("… (20 more lines)");
    const [long] = previewValue("x".repeat(400), RESULT_LIMITS);
    expect(long).toHaveLength(160);
    expect(long?.endsWith("…")).toBe(true);
  });

  test("previewInline: a worker's input shows its text on one line", () => {
    expect(previewInline({ input: "summarise\nthis" })).toBe("summarise this");
    expect(previewInline({ a: 1 })).toBe('{"a":1}');
    expect(previewInline("y".repeat(200), 10)).toBe(`${"y".repeat(9)}…`);
  });
});
