/**
 * @module What a durable run adds around its model requests and tool calls: each finished one is
 * a recorded step, and a resumed run answers finished ones from their records instead of
 * running them again. Implemented in `src/durable/`; a plain run has none, and the runtime never
 * imports the engine.
 */
import type { DecisionLog } from "../approvals/decision-log.js";
import type { RunEvent } from "../events/run-event.js";
import type { ResolvedModel } from "../models/resolve-model.js";
import type { Frame } from "./frame.js";

/** The hooks of one durable run. */
export interface DurableHooks {
  /** Called once as the run starts, with the function that ends the run with an error. */
  start(fail: (error: unknown) => void): void;
  /** Sees every event of the run, in order (before any model request of a call, its `call-start`). */
  onEvent(event: RunEvent): void;
  /** The model a worker call uses: finished requests are answered from their records. */
  modelFor(frame: Frame, resolved: ResolvedModel): ResolvedModel;
  /**
   * Runs a tool call (`execute` throws the call's normalised error) as a step: a finished call
   * returns (or throws) what it did before, without running.
   */
  runTool(frame: Frame, execute: () => Promise<unknown>): Promise<unknown>;
  /** Approval decisions as steps, and the wait for a person when nobody in the process decides. */
  readonly approvals: DecisionLog;
}
