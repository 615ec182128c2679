import { describe, expect, test } from "vitest";
import { truncateValue } from "./truncate-value.js";

describe("truncateValue", () => {
  test("short values stay as they are, JSON-safe", () => {
    expect(truncateValue({ a: 1, b: [true, "x"] })).toEqual({ a: 1, b: [true, "x"] });
    expect(truncateValue(undefined)).toBeNull();
  });

  test("long strings are cut, saying how long they were", () => {
    expect(truncateValue({ text: "abcdef" }, { maxString: 3 })).toEqual({
      text: "abc... [truncated, 6 chars]",
    });
  });

  test("a value whose JSON is still too long becomes a preview", () => {
    const value = Array.from({ length: 50 }, (_, index) => `item ${index}`);
    expect(truncateValue(value, { maxString: 20, maxJson: 100 })).toEqual({
      truncated: true,
      chars: JSON.stringify(value).length,
      preview: JSON.stringify(value).slice(0, 20),
    });
  });

  test("values that cannot be JSON become text", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(truncateValue(cyclic)).toBe("[object Object]");
  });
});
