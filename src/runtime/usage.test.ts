import { describe, expect, test } from "vitest";
import { addUsage, emptyUsage, responseUsage, uncachedInputTokens } from "./usage.js";

const usage = (input: number, read: number, write: number, output: number, requests: number) => ({
  inputTokens: input,
  cacheReadTokens: read,
  cacheWriteTokens: write,
  outputTokens: output,
  totalTokens: input + output,
  requests,
});

describe("usage", () => {
  test("emptyUsage is all zeros, and a fresh object each time", () => {
    const first = emptyUsage();
    expect(first).toEqual(usage(0, 0, 0, 0, 0));
    first.requests = 3;
    expect(emptyUsage().requests).toBe(0);
  });

  test("addUsage adds every field, cache counts included, into the target, in place, and returns it", () => {
    const target = usage(10, 4, 2, 5, 1);
    const result = addUsage(target, usage(3, 1, 1, 2, 2));
    expect(result).toBe(target);
    expect(target).toEqual(usage(13, 5, 3, 7, 3));
  });

  test("adding leaves the added usage unchanged", () => {
    const other = usage(1, 0, 0, 1, 1);
    addUsage(emptyUsage(), other);
    expect(other).toEqual(usage(1, 0, 0, 1, 1));
  });

  test("uncached input is what was neither read from nor written to the cache", () => {
    expect(uncachedInputTokens(usage(100, 60, 30, 5, 1))).toBe(10);
    expect(uncachedInputTokens(usage(100, 0, 0, 5, 1))).toBe(100);
  });

  test("one AI SDK response: cache details become cache counts; missing numbers are 0", () => {
    expect(
      responseUsage({
        inputTokens: 100,
        outputTokens: 5,
        inputTokenDetails: { cacheReadTokens: 60, cacheWriteTokens: 30 },
      }),
    ).toEqual(usage(100, 60, 30, 5, 1));
    expect(responseUsage({ inputTokens: undefined, outputTokens: undefined })).toEqual(usage(0, 0, 0, 0, 1));
  });
});
