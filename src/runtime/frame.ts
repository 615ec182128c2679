/**
 * @module A call in progress: its place in the call tree. A frame is built whole when its call
 * starts and not changed after (only its `usage` counts up).
 */
import type { ModelSpec } from "../models/select-model.js";
import type { Binding } from "./binding.js";
import type { Usage } from "./usage.js";

/** What every frame has. */
interface FrameFields {
  readonly callId: string;
  readonly name: string;
  /** Names from the entry down to this call. */
  readonly path: string[];
  /** Worker nesting depth: 0 for the run and a code entry, 1 for the entry worker. */
  readonly depth: number;
  /** The names `ctx.call` and the model resolve first: the nearest worker's tools. */
  readonly bindings?: ReadonlyMap<string, Binding>;
  /** Usage of this call's subtree. */
  readonly usage: Usage;
  readonly signal: AbortSignal;
}

/** A worker's call: it always has the model it runs with. */
export interface WorkerFrame extends FrameFields {
  readonly kind: "worker";
  /** The worker's model, inherited by nested workers without one. */
  readonly model: ModelSpec;
}

/** A tool's call, or the run itself. */
export interface ToolOrRunFrame extends FrameFields {
  readonly kind: "tool" | "run";
  /** The nearest worker's model, if any. */
  readonly model?: ModelSpec;
}

/** One node of the call tree while it runs. */
export type Frame = WorkerFrame | ToolOrRunFrame;
