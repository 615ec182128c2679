/**
 * @module What a batch reports as it goes: the records of `llm-do batch --json`, and what the
 * progress line is drawn from.
 */
import type { SerializedError } from "../events/run-event.js";
import type { CostTotal } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";

/** How a batch ended. */
export type BatchOutcome =
  /** Every item has a result and none failed. */
  | "ok"
  /** Every item has a result; some failed. */
  | "failed"
  /** The batch stopped early (a budget, the database); items are left to run. */
  | "stopped"
  /** Ctrl+C. */
  | "aborted";

/** Counts and totals of a batch, over every result in the results file. */
export interface BatchTotals {
  /** Items in the inputs. */
  total: number;
  /** Items with a result: earlier ones and this run's. */
  done: number;
  /** Results that are failures. */
  failed: number;
  /** Results that were already in the file when the batch started. */
  alreadyDone: number;
  usage: Usage;
  cost: CostTotal;
}

export type BatchEvent =
  | {
      type: "batch-start";
      total: number;
      /** Items with a result in the results file before this run. */
      alreadyDone: number;
      /** Of those, failures. */
      alreadyFailed: number;
      /** Their cost. */
      alreadyCost: CostTotal;
      concurrency: number;
      durable: boolean;
      time: string;
    }
  | { type: "item-start"; key: string }
  | {
      type: "item-end";
      key: string;
      outcome: "ok";
      usage: Usage;
      cost: CostTotal;
      durationMs: number;
    }
  | {
      type: "item-end";
      key: string;
      outcome: "error";
      error: SerializedError;
      usage: Usage;
      cost: CostTotal;
      durationMs: number;
    }
  | {
      type: "batch-end";
      outcome: BatchOutcome;
      totals: BatchTotals;
      durationMs: number;
      /** Why the batch stopped early (outcome `stopped`). */
      error?: SerializedError;
    };
