/**
 * @module What the `dynamic_workers` toolset needs from the run: checking, writing, loading and
 * calling the workers one worker creates. The run implements it (`src/runtime/created-workers.ts`).
 */
import type { CallContext } from "../../runtime/call-context.js";

/** A worker a model asks to create (`create_worker`'s input). */
export interface WorkerRequest {
  name: string;
  description?: string | undefined;
  instructions: string;
  /** Names of the creating worker's toolsets to grant. */
  toolsets?: string[] | undefined;
  model?: string | undefined;
  schema_in?: Record<string, unknown> | undefined;
  schema_out?: Record<string, unknown> | undefined;
}

/** A checked request: the file it becomes. */
export interface WorkerDraft {
  name: string;
  /** Where it will be written, as messages show it (relative to the working directory). */
  file: string;
  /** The whole worker file. */
  text: string;
}

/** What checking a request found, before anything is written. */
export type DraftResult =
  | { type: "ok"; draft: WorkerDraft }
  /** Something in it is wrong (a taken name, invalid front matter): the model can fix it. */
  | { type: "invalid"; reason: string }
  /** It grants a toolset its creator does not have: nobody may approve that. */
  | { type: "not-allowed"; reason: string };

/** The run's side of `dynamic_workers`, bound to the worker that creates. */
export interface DynamicWorkerHost {
  /** The creating worker's name. */
  readonly creator: string;
  /** Checks a request and renders its file. Pure: nothing is written. */
  draft(request: WorkerRequest): DraftResult;
  /**
   * Writes the file, loads it like any worker file, builds its toolsets and makes it callable.
   * Contract: rejects with ToolExecutionError naming the problem (and leaves no file behind).
   */
  create(request: WorkerRequest): Promise<WorkerDraft>;
  /**
   * Calls a created worker through the run's calling convention (depth limit, budgets and
   * approvals apply). Contract: rejects with NotFoundError for a name no worker was created with.
   */
  call(name: string, input: unknown, context: CallContext): Promise<unknown>;
}
