/**
 * @module A name a worker (or code) can call, bound to what runs when it is called.
 */
import type { FlexibleSchema } from "ai";
import type { Tool } from "../tools/tool.js";
import type { ToolApprovalOverride, WorkerDefinition } from "../worker/worker-definition.js";

/** One callable name, as seen by one caller. */
export interface Binding {
  /** The name the model and `ctx.call` use. */
  name: string;
  kind: "worker" | "tool";
  /** The description the model sees. */
  description: string;
  inputSchema: FlexibleSchema<unknown>;
  /** Where it comes from, for messages: `toolset 'calc' (tools.ts)`, `worker 'analyzer' (analyzer.worker)`. */
  source: string;
  /** Set for tools. */
  tool?: Tool;
  /** Set for workers. */
  worker?: WorkerDefinition;
  /** The referencing worker's `_approval_config` entry for this name. */
  override?: ToolApprovalOverride;
}
