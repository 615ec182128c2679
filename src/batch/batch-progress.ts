/**
 * @module The progress line of a batch: done/total, failures, rate, cost so far and the time
 * left, e.g. `12/20 done, 1 failed, 2.4 items/s, ~$0.0123, 3s left`.
 */
import type { RunEventOf } from "../events/run-event.js";
import { addCost, emptyCostTotal } from "../models/estimate-cost.js";
import type { BatchEvent } from "./batch-event.js";

/** Follows a batch's events and says where it stands. */
export class BatchProgress {
  #total = 0;
  #done = 0;
  #failed = 0;
  #finishedNow = 0;
  #running = 0;
  #startedAt = 0;
  readonly #cost = emptyCostTotal();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a batch event. */
  onBatchEvent(event: BatchEvent): void {
    switch (event.type) {
      case "batch-start":
        this.#total = event.total;
        this.#startedAt = this.now();
        this.#done += event.alreadyDone;
        this.#failed += event.alreadyFailed;
        addCost(this.#cost, { usd: event.alreadyCost.usd });
        for (const model of event.alreadyCost.unpricedModels) addCost(this.#cost, { unpriced: true, model });
        break;
      case "item-start":
        this.#running += 1;
        break;
      case "item-end":
        this.#running -= 1;
        this.#done += 1;
        this.#finishedNow += 1;
        if (event.outcome === "error") this.#failed += 1;
        break;
      case "batch-end":
        break;
    }
  }

  /** Counts the cost of a model response, as it arrives. */
  onModelResponse(event: RunEventOf<"model-response">): void {
    addCost(this.#cost, event.cost);
  }

  /** The line, without a line break. */
  line(): string {
    const elapsed = (this.now() - this.#startedAt) / 1000;
    const rate = elapsed > 0 ? this.#finishedNow / elapsed : 0;
    const parts = [`${this.#done}/${this.#total} done`];
    if (this.#failed > 0) parts.push(`${this.#failed} failed`);
    if (this.#running > 0) parts.push(`${this.#running} running`);
    if (this.#finishedNow > 0) parts.push(`${formatRate(rate)} items/s`);
    const unpriced = this.#cost.unpricedModels.length > 0 ? " + unpriced" : "";
    parts.push(`~$${this.#cost.usd.toFixed(4)}${unpriced}`);
    const left = this.#total - this.#done;
    if (left > 0 && rate > 0) parts.push(`${formatDuration(left / rate)} left`);
    return parts.join(", ");
  }
}

function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

/** `42s`, `3m05s`, `2h03m`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
  return `${Math.floor(whole / 3600)}h${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")}m`;
}
