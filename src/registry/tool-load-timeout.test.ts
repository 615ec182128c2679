import { describe, expect, it } from "vitest";
import { toolLoadTimeoutFrom } from "./tool-load-timeout.js";

describe("toolLoadTimeoutFrom", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["30", 30_000],
    ["0.5", 500],
  ])("%j seconds -> %j ms", (value, expected) => {
    expect(toolLoadTimeoutFrom(value === undefined ? {} : { LLM_DO_TOOL_LOAD_TIMEOUT: value })).toBe(
      expected,
    );
  });

  it.each(["0", "-1", "ten", "Infinity"])("refuses %j", (value) => {
    expect(() => toolLoadTimeoutFrom({ LLM_DO_TOOL_LOAD_TIMEOUT: value })).toThrow(
      `LLM_DO_TOOL_LOAD_TIMEOUT must be a positive number of seconds (got ${JSON.stringify(value)})`,
    );
  });
});
