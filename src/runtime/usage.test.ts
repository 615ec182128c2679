import { describe, expect, test } from "vitest";
import { addUsage, emptyUsage } from "./usage.js";

describe("usage", () => {
  test("emptyUsage is all zeros, and a fresh object each time", () => {
    const first = emptyUsage();
    expect(first).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, requests: 0 });
    first.requests = 3;
    expect(emptyUsage().requests).toBe(0);
  });

  test("addUsage adds every field into the target, in place, and returns it", () => {
    const target = { inputTokens: 10, outputTokens: 5, totalTokens: 15, requests: 1 };
    const result = addUsage(target, { inputTokens: 3, outputTokens: 2, totalTokens: 6, requests: 2 });
    expect(result).toBe(target);
    expect(target).toEqual({ inputTokens: 13, outputTokens: 7, totalTokens: 21, requests: 3 });
  });

  test("adding leaves the added usage unchanged", () => {
    const other = { inputTokens: 1, outputTokens: 1, totalTokens: 2, requests: 1 };
    addUsage(emptyUsage(), other);
    expect(other).toEqual({ inputTokens: 1, outputTokens: 1, totalTokens: 2, requests: 1 });
  });
});
