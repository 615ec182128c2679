/**
 * @module A name a worker (or code) can call, bound to what runs when it is called.
 */
import type { FlexibleSchema } from "ai";
import type { Tool } from "../tools/tool.js";
import type { ToolApprovalOverride, WorkerDefinition } from "../worker/worker-definition.js";

/** What every binding has. */
interface BindingFields {
  /** The name the model and `ctx.call` use. */
  name: string;
  /** The description the model sees. */
  description: string;
  inputSchema: FlexibleSchema<unknown>;
  /** Where it comes from, for messages: `toolset 'calc' (tools.ts)`, `worker 'analyzer' (analyzer.worker)`. */
  source: string;
  /** The referencing worker's `_approval_config` entry for this name. */
  override?: ToolApprovalOverride;
}

/** A name bound to a tool. */
export interface ToolBinding extends BindingFields {
  kind: "tool";
  tool: Tool;
}

/** A name bound to a worker. */
export interface WorkerBinding extends BindingFields {
  kind: "worker";
  worker: WorkerDefinition;
}

/** One callable name, as seen by one caller. */
export type Binding = ToolBinding | WorkerBinding;
