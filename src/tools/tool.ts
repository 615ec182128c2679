/**
 * @module `tool()` and `toolset()`: how TypeScript code declares functions that workers (and
 * other code) call by name.
 */
import type { FlexibleSchema } from "ai";
import type { ApprovalCheck } from "../approvals/approval-types.js";
import type { CallContext } from "../runtime/call-context.js";

const toolBrand = Symbol.for("llm-do.tool");
const toolsetBrand = Symbol.for("llm-do.toolset");

/**
 * What a tool says about approval: `false` (run freely), `true` (ask), a string (ask, with this
 * reason), or a full check (which may block the call outright).
 */
export type NeedsApproval = boolean | string | ApprovalCheck;

/** The definition a user writes: description, zod input schema, and `execute(input, ctx)`. */
export interface ToolDefinition<Input = unknown, Output = unknown> {
  /** What the tool does, shown to the model. */
  description: string;
  /** The input object's schema: a zod schema, or `jsonSchema(...)` from the AI SDK. */
  inputSchema: FlexibleSchema<Input>;
  /** Whether a call needs approval; code is trusted by default (`false`). */
  needsApproval?: NeedsApproval | ((input: Input) => NeedsApproval | Promise<NeedsApproval>);
  /** A one-line human description of a call, shown when asking for approval. */
  describe?: (input: Input) => string;
  /** Runs the tool. `ctx.call(name, input)` calls any worker or tool by name. */
  execute: (input: Input, ctx: CallContext) => Output | Promise<Output>;
}

/** A tool as registered: the definition, branded. */
export type Tool<Input = unknown, Output = unknown> = ToolDefinition<Input, Output> & {
  readonly [toolBrand]: true;
};

/** A tool of any input and output type, as grouped in a toolset. */
// biome-ignore lint/suspicious/noExplicitAny: a toolset groups tools whose input types differ.
export type AnyTool = Tool<any, any>;

/** A named group of tools, exported from a tool file. */
export interface Toolset {
  readonly [toolsetBrand]: true;
  /** The tools by name. */
  readonly tools: Readonly<Record<string, Tool>>;
  /** Releases resources (processes, connections) at the end of a run. */
  close?: () => Promise<void>;
}

/** Declares a tool. The input type is inferred from `inputSchema`. */
export function tool<Input, Output>(definition: ToolDefinition<Input, Output>): Tool<Input, Output> {
  return { ...definition, [toolBrand]: true } as Tool<Input, Output>;
}

/** Groups tools under the names the model will call them by. */
export function toolset(
  tools: Record<string, AnyTool>,
  options: { close?: () => Promise<void> } = {},
): Toolset {
  const entries = Object.entries(tools);
  for (const [name, value] of entries) {
    if (!isTool(value)) {
      throw new TypeError(`toolset(): '${name}' is not a tool (wrap it with tool({ ... }))`);
    }
  }
  return {
    [toolsetBrand]: true,
    tools: Object.freeze(Object.fromEntries(entries)) as Record<string, Tool>,
    ...options,
  };
}

/** True for values made by `tool()`, from this or another copy of llm-do. */
export function isTool(value: unknown): value is Tool {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[toolBrand] === true
  );
}

/** True for values made by `toolset()`, from this or another copy of llm-do. */
export function isToolset(value: unknown): value is Toolset {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[toolsetBrand] === true
  );
}
