/**
 * @module One input of a batch and what running it gave: the line written to the results file.
 */
import type { SerializedError } from "../events/run-event.js";
import type { CostTotal } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";

/** One input of a batch. */
export interface BatchItem {
  /** Stable within the batch: the line number in a JSON Lines file, the file name in a folder. */
  key: string;
  /** The entry's input: a prompt string, an object (for `schema_in`), or `{ input, attachments }`. */
  input: unknown;
}

/** What an item gave: one line of the results file. */
export type BatchResult =
  | {
      key: string;
      input: unknown;
      outcome: "ok";
      output: unknown;
      usage: Usage;
      cost: CostTotal;
      durationMs: number;
    }
  | {
      key: string;
      input: unknown;
      outcome: "error";
      error: SerializedError;
      usage: Usage;
      cost: CostTotal;
      durationMs: number;
    };
