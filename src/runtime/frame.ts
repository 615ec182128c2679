/**
 * @module A call in progress: its place in the call tree.
 */
import type { ModelSpec } from "../models/select-model.js";
import type { Binding } from "./binding.js";
import type { Usage } from "./usage.js";

/** One node of the call tree while it runs. */
export interface Frame {
  callId: string;
  name: string;
  kind: "worker" | "tool" | "run";
  /** Names from the entry down to this call. */
  path: string[];
  /** Worker nesting depth: 0 for the run and a code entry, 1 for the entry worker. */
  depth: number;
  /** The names `ctx.call` and the model resolve first: the nearest worker's tools. */
  bindings?: ReadonlyMap<string, Binding>;
  /** The nearest worker's resolved model, inherited by nested workers without one. */
  model?: ModelSpec;
  /** Usage of this call's subtree. */
  usage: Usage;
  signal: AbortSignal;
}
