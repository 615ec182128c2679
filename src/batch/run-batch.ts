/**
 * @module Runs a batch: every item without a result in the results file, at most `concurrency`
 * at a time, each result appended as it finishes. A failed item is a result like any other; the
 * batch stops early only for a budget, an interruption or a broken durable store, and then the
 * items without a result are left for the next run of the same command. The wiring of a batch:
 * running one item is `runItem`'s business (plain or durable).
 */
import type { Budget } from "../budget/budget.js";
import { ConfigError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { addCost, emptyCostTotal } from "../models/estimate-cost.js";
import { serializeError } from "../runtime/call-runner.js";
import { addUsage, emptyUsage } from "../runtime/usage.js";
import { stableStringify } from "../util/stable-stringify.js";
import { BatchBudget } from "./batch-budget.js";
import type { BatchEvent, BatchOutcome, BatchTotals } from "./batch-event.js";
import type { BatchItem, BatchResult } from "./batch-item.js";
import type { ResultsFile } from "./results-file.js";

/** What running one item gets from the batch. */
export interface ItemControl {
  /** Aborted when the batch stops early or is interrupted. */
  signal: AbortSignal;
  /** Every event of the item's run. */
  onEvent: (event: RunEvent) => void;
}

/**
 * Runs one item to its result. Contract: resolves with the result, failures included; rejects
 * only when the item did not finish (interrupted, or its durable store failed).
 */
export type ItemRunner = (item: BatchItem, control: ItemControl) => Promise<BatchResult>;

/** Options of {@link runBatch}. */
export interface BatchOptions {
  items: readonly BatchItem[];
  results: ResultsFile;
  /** Items run at the same time (at least 1). */
  concurrency: number;
  /**
   * Items waited on at once (default `concurrency`): more when items are queued and taken by
   * several processes, each running `concurrency` of them.
   */
  parallel?: number;
  runItem: ItemRunner;
  /** Marks items that are about to be aborted as interrupted (durable batches resume them). */
  interrupt?: (keys: readonly string[]) => Promise<void>;
  /** Limits for the whole batch. */
  budget?: Budget;
  /** True when items are durable (reported in `batch-start`). */
  durable: boolean;
  /** Ctrl+C. */
  signal?: AbortSignal;
  /** Told about the batch as it goes. */
  onEvent?: (event: BatchEvent) => void;
  /** Told about every event of every item's run. */
  onRunEvent?: (key: string, event: RunEvent) => void;
  now?: () => number;
}

/** How a batch ended. */
export interface BatchSummary {
  outcome: BatchOutcome;
  totals: BatchTotals;
  /** Why it stopped early (`stopped`, `aborted`). */
  error?: unknown;
  durationMs: number;
}

/**
 * Runs the batch. Contract: throws a ConfigError before running anything when the results file
 * holds an item whose input differs from the inputs' (the inputs changed since).
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  const emit = (event: BatchEvent) => options.onEvent?.(event);
  checkEarlierInputs(options.items, options.results);
  const budget = new BatchBudget(options.budget);
  for (const result of options.results.done.values()) budget.addResult(result);
  const pending = options.items.filter((item) => !options.results.done.has(item.key));
  const running = new Map<string, AbortController>();
  /** Items running when the batch stopped early: marked interrupted, whatever they do next. */
  const interrupted = new Set<string>();
  let stopReason: unknown;

  const stop = async (reason: unknown) => {
    if (stopReason !== undefined) return;
    stopReason = reason;
    const keys = [...running.keys()];
    for (const key of keys) interrupted.add(key);
    // Marked first, so that what the abort makes them throw is not taken as their end.
    await options.interrupt?.(keys).catch(() => {});
    for (const controller of running.values()) controller.abort(reason);
  };
  const onAbort = () => void stop(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const earlier = totalsOf(options.items, options.results, options.items.length - pending.length);
  emit({
    type: "batch-start",
    total: options.items.length,
    alreadyDone: earlier.done,
    alreadyFailed: earlier.failed,
    alreadyCost: earlier.cost,
    concurrency: options.concurrency,
    durable: options.durable,
    time: new Date(started).toISOString(),
  });

  const runOne = async (item: BatchItem) => {
    const controller = new AbortController();
    running.set(item.key, controller);
    emit({ type: "item-start", key: item.key });
    try {
      const result = await options.runItem(item, {
        signal: controller.signal,
        onEvent: (event) => {
          options.onRunEvent?.(item.key, event);
          if (event.type !== "model-response") return;
          const exceeded = budget.addResponse(item.key, event);
          if (exceeded) void stop(exceeded);
        },
      });
      // A durable item that finished while it was being interrupted keeps its record, from which
      // the next run of the batch writes its line; written now, it would depend on that race.
      if (options.durable && interrupted.has(item.key)) return;
      options.results.append(result);
      emit(itemEnd(result));
    } catch (error) {
      // An item that did not finish has no result; anything but an interruption stops the batch.
      if (stopReason === undefined) await stop(error);
    } finally {
      running.delete(item.key);
    }
  };

  let next = 0;
  const worker = async () => {
    // Non-null: the loop condition keeps `next` inside `pending`.
    while (stopReason === undefined && next < pending.length) await runOne(pending[next++]!);
  };
  try {
    if (options.signal?.aborted) await stop(options.signal.reason);
    await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? options.concurrency) }, worker));
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }

  const totals = totalsOf(options.items, options.results, options.items.length - pending.length);
  const aborted = options.signal?.aborted === true && stopReason === options.signal.reason;
  const outcome: BatchOutcome =
    stopReason !== undefined ? (aborted ? "aborted" : "stopped") : totals.failed > 0 ? "failed" : "ok";
  const durationMs = now() - started;
  emit({
    type: "batch-end",
    outcome,
    totals,
    durationMs,
    ...(outcome === "stopped" ? { error: serializeError(stopReason) } : {}),
  });
  return { outcome, totals, durationMs, ...(stopReason !== undefined ? { error: stopReason } : {}) };
}

function checkEarlierInputs(items: readonly BatchItem[], results: ResultsFile): void {
  for (const item of items) {
    const earlier = results.done.get(item.key);
    if (earlier && stableStringify(earlier.input) !== stableStringify(item.input)) {
      throw new ConfigError(
        `${results.file} has a result for item ${item.key} with another input than the inputs have now (they changed since): give --out a new file to run them`,
      );
    }
  }
}

function totalsOf(items: readonly BatchItem[], results: ResultsFile, alreadyDone: number): BatchTotals {
  const usage = emptyUsage();
  const cost = emptyCostTotal();
  let done = 0;
  let failed = 0;
  for (const item of items) {
    const result = results.done.get(item.key);
    if (!result) continue;
    done += 1;
    if (result.outcome === "error") failed += 1;
    addUsage(usage, result.usage);
    addCost(cost, { usd: result.cost.usd });
    for (const model of result.cost.unpricedModels) addCost(cost, { unpriced: true, model });
  }
  return { total: items.length, done, failed, alreadyDone, usage, cost };
}

function itemEnd(result: BatchResult): BatchEvent {
  const common = { type: "item-end" as const, key: result.key, usage: result.usage, cost: result.cost };
  return result.outcome === "ok"
    ? { ...common, outcome: "ok", durationMs: result.durationMs }
    : { ...common, outcome: "error", error: result.error, durationMs: result.durationMs };
}
