/**
 * @module Runs one item of a batch as a run of the entry and turns how it ended into its result
 * line: the output, or the error; the usage and the cost either way. With `--trace DIR` and
 * `--record DIR`, each item writes its own file there, named after its key.
 */
import path from "node:path";
import { addTotal } from "../durable/subtree-costs.js";
import { isLlmDoError } from "../errors.js";
import { addCost, type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import { serializeError } from "../runtime/call-runner.js";
import type { DurableHooks } from "../runtime/durable-hooks.js";
import { type RunOptions, run } from "../runtime/run.js";
import { emptyUsage, type Usage } from "../runtime/usage.js";
import type { BatchItem, BatchResult } from "./batch-item.js";
import type { ItemControl } from "./run-batch.js";

/** The run options every item shares (the project loaded once, model, approvals, limits). */
export type ItemRunOptions = Omit<
  RunOptions,
  "input" | "onEvent" | "signal" | "trace" | "record" | "durable" | "files" | "budget"
>;

/** Where each item's trace and recording go. */
export interface ItemFiles {
  /** `--trace DIR`. */
  traceDirectory?: string;
  /** `--record DIR`. */
  recordDirectory?: string;
}

/** What a durable item adds: its hooks, and the cost of what it did not run again. */
export interface DurableItem {
  hooks: DurableHooks;
  replayedCost(): CostTotal;
}

/**
 * Runs `item`. Contract: resolves with the item's result, failures included; rejects when the
 * run was interrupted (its signal aborted) or its durable state failed, so that it has no
 * result yet.
 */
export async function runBatchItem(
  item: BatchItem,
  options: ItemRunOptions & ItemFiles,
  control: ItemControl,
  durable?: DurableItem,
): Promise<BatchResult> {
  const started = Date.now();
  const cost = emptyCostTotal();
  let usage: Usage = emptyUsage();
  const { traceDirectory, recordDirectory, ...runOptions } = options;
  const name = itemFileName(item.key);
  const handle = run({
    ...runOptions,
    input: item.input,
    signal: control.signal,
    ...(traceDirectory ? { trace: path.join(traceDirectory, `${name}.json`) } : {}),
    ...(recordDirectory ? { record: path.join(recordDirectory, `${name}.replay`) } : {}),
    ...(durable ? { durable: durable.hooks } : {}),
    onEvent: (event) => {
      if (event.type === "model-response") addCost(cost, event.cost);
      if (event.type === "run-end") usage = event.usage;
      control.onEvent(event);
    },
  });
  const spent = () => {
    if (durable) addTotal(cost, durable.replayedCost());
    return { usage, cost, durationMs: Date.now() - started };
  };
  try {
    const { output } = await handle.result;
    return { key: item.key, input: item.input, outcome: "ok", output, ...spent() };
  } catch (error) {
    if (control.signal.aborted || isLlmDoError(error, "ABORTED") || isLlmDoError(error, "DURABLE_STATE")) {
      throw error;
    }
    return { key: item.key, input: item.input, outcome: "error", error: serializeError(error), ...spent() };
  }
}

/** An item key as a file name: `3` stays `3`, `deck a.pdf` becomes `deck_a.pdf`. */
export function itemFileName(key: string): string {
  return key.replace(/[^\w.-]/g, "_").replace(/^\.+/, "_") || "_";
}
