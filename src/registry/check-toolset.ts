/**
 * @module Checks an exported toolset when its file loads: every tool has a name a provider
 * accepts, an `execute` function, an input schema that describes an object, and a
 * `needsApproval` that means something. A broken tool is an error naming the file, the export
 * and the tool, before any model call.
 */
import { asSchema, type FlexibleSchema } from "ai";
import { parseApprovalCheck } from "../approvals/to-approval-check.js";
import { ConfigError, errorMessage } from "../errors.js";
import type { Toolset } from "../tools/tool.js";
import { quote } from "../util/quote.js";

/** Tool names every provider accepts (Anthropic and OpenAI: 1-64 of these characters). */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Where a toolset came from, for messages. */
export interface ToolsetOrigin {
  /** The tool file, as shown to the user. */
  file: string;
  /** The export name. */
  exportName: string;
}

/**
 * Checks every tool of `toolset`. Contract: throws ConfigError
 * `<file>: toolset '<export>', tool '<name>': <what is wrong>` for the first broken tool.
 */
export async function checkToolset(toolset: Toolset, origin: ToolsetOrigin): Promise<void> {
  const where = `${origin.file}: toolset ${quote(origin.exportName)}`;
  const tools: unknown = toolset.tools;
  if (typeof tools !== "object" || tools === null || Array.isArray(tools)) {
    throw new ConfigError(`${where}: has no tools (make it with toolset({ name: tool({ ... }) }))`);
  }
  for (const [name, tool] of Object.entries(tools)) {
    const problem = await toolProblem(name, tool);
    if (problem) throw new ConfigError(`${where}, tool ${quote(name)}: ${problem}`);
  }
}

async function toolProblem(name: string, tool: unknown): Promise<string | undefined> {
  if (!TOOL_NAME.test(name)) return "not a valid tool name: use 1 to 64 letters, digits, '_' and '-'";
  if (typeof tool !== "object" || tool === null) return `is ${describeValue(tool)}, not a tool`;
  const { description, execute, needsApproval, describe, inputSchema } = tool as Record<string, unknown>;
  if (typeof execute !== "function") return `execute must be a function (got ${describeValue(execute)})`;
  if (description !== undefined && typeof description !== "string") {
    return `description must be a string (got ${describeValue(description)})`;
  }
  if (describe !== undefined && typeof describe !== "function") {
    return `describe must be a function (got ${describeValue(describe)})`;
  }
  if (
    needsApproval !== undefined &&
    typeof needsApproval !== "function" &&
    parseApprovalCheck(needsApproval) === undefined
  ) {
    return `needsApproval must be true, false, a reason string, a check object or a function (got ${describeValue(needsApproval)})`;
  }
  return inputSchemaProblem(inputSchema);
}

async function inputSchemaProblem(inputSchema: unknown): Promise<string | undefined> {
  const isSchemaObject =
    typeof inputSchema === "object" &&
    inputSchema !== null &&
    ("~standard" in inputSchema || "jsonSchema" in inputSchema);
  if (!isSchemaObject && typeof inputSchema !== "function") {
    return `inputSchema must be a zod schema such as z.object({ ... }), or jsonSchema({ ... }) from "ai" (got ${describeValue(inputSchema)})`;
  }
  let schema: unknown;
  try {
    schema = await asSchema(inputSchema as FlexibleSchema<unknown>).jsonSchema;
  } catch (error) {
    return `inputSchema cannot be turned into JSON Schema for the model: ${errorMessage(error)}`;
  }
  const type = (schema as { type?: unknown } | null)?.type;
  if (type !== "object") {
    return `inputSchema must describe an object (z.object({ ... })): a tool's input is named fields (got type ${describeValue(type)})`;
  }
  return undefined;
}

/** A short rendering of a value: `"text"`, `5`, `null`, `nothing`. */
function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "a list";
  return "an object";
}
