import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tool, toolset } from "../tools/tool.js";
import { sortExports } from "./sort-exports.js";

describe("sortExports", () => {
  it("keeps toolsets and says what everything else is, leaving out the default export", () => {
    const calc = toolset({});
    const sorted = sortExports(
      {
        default: calc,
        calc,
        name: "x",
        count: 3,
        schema: z.object({}),
        add: tool({ description: "d", inputSchema: z.object({}), execute: () => 1 }),
        nothing: undefined,
        list: [],
        helper: () => 1,
      },
      "tools.ts",
    );
    expect(sorted.toolsets).toEqual([{ name: "calc", toolset: calc }]);
    expect(Object.fromEntries(sorted.others.map((other) => [other.name, other.kind]))).toEqual({
      name: "a string",
      count: "a number",
      schema: "a schema",
      add: "a tool (group tools with toolset({ name: tool({ ... }) }))",
      nothing: "undefined",
      list: "a list",
      helper: "a function",
    });
  });

  it("names the file when its exports cannot even be listed", () => {
    const exports = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("proxy trap");
        },
      },
    );
    expect(() => sortExports(exports, "tools.ts")).toThrow(
      "tools.ts: its exports cannot be listed: proxy trap",
    );
  });
});
