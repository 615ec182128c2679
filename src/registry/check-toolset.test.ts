import { jsonSchema } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tool, toolset } from "../tools/tool.js";
import { checkToolset } from "./check-toolset.js";

const origin = { file: "tools.ts", exportName: "calc" };
const valid = { description: "Add.", inputSchema: z.object({ a: z.number() }), execute: () => 1 };

describe("checkToolset", () => {
  it.each([
    ["a zod object", valid],
    [
      "jsonSchema() from the AI SDK",
      { ...valid, inputSchema: jsonSchema({ type: "object", properties: {} }) },
    ],
    ["a lazy schema", { ...valid, inputSchema: () => jsonSchema({ type: "object" }) }],
    ["every form of needsApproval", { ...valid, needsApproval: { type: "blocked", reason: "never" } }],
    ["needsApproval as a function", { ...valid, needsApproval: () => true, describe: () => "Add" }],
  ])("accepts %s", async (_name, definition) => {
    await expect(checkToolset(toolset({ add: tool(definition as never) }), origin)).resolves.toBeUndefined();
  });

  it.each([
    [
      "a JSON Schema that is not an object",
      { ...valid, inputSchema: jsonSchema({ type: "array" }) },
      `inputSchema must describe an object (z.object({ ... })): a tool's input is named fields (got type "array")`,
    ],
    [
      "a schema that cannot become JSON Schema",
      {
        ...valid,
        inputSchema: () =>
          jsonSchema(() => {
            throw new Error("no JSON Schema here");
          }),
      },
      "inputSchema cannot be turned into JSON Schema for the model: no JSON Schema here",
    ],
    [
      "describe that is not a function",
      { ...valid, describe: "Adds" },
      `describe must be a function (got "Adds")`,
    ],
  ])("rejects %s", async (_name, definition, message) => {
    await expect(checkToolset(toolset({ add: tool(definition as never) }), origin)).rejects.toThrow(
      `tools.ts: toolset 'calc', tool 'add': ${message}`,
    );
  });
});
