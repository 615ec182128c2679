/**
 * @module The cost of each call's subtree, from the run's events: every model response's cost
 * counts for its worker call and every call above it. A durable run records a finished tool
 * call with the cost of the model requests it made (through `ctx.call`), so that a resumed run
 * that does not repeat the call still counts what it cost.
 */
import type { RunEvent } from "../events/run-event.js";
import { addCost, type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";

/** Costs by call. Feed it every event with {@link SubtreeCosts.onEvent}. */
export class SubtreeCosts {
  readonly #parents = new Map<string, string | undefined>();
  readonly #costs = new Map<string, CostTotal>();

  /** Follows `call-start` and counts `model-response` events. */
  onEvent(event: RunEvent): void {
    if (event.type === "call-start") this.#parents.set(event.callId, event.parentCallId);
    else if (event.type === "model-response") this.#add(event.callId, (total) => addCost(total, event.cost));
  }

  /** Counts a cost that no event reported (a recorded call that was not run again) for `callId` and above. */
  addRecorded(callId: string, cost: CostTotal): void {
    this.#add(callId, (total) => addTotal(total, cost));
  }

  /** The cost of the call's subtree so far. */
  costOf(callId: string): CostTotal {
    const total = this.#costs.get(callId);
    return total ? { usd: total.usd, unpricedModels: [...total.unpricedModels] } : emptyCostTotal();
  }

  #add(callId: string, add: (total: CostTotal) => void): void {
    for (
      let current: string | undefined = callId;
      current !== undefined;
      current = this.#parents.get(current)
    ) {
      let total = this.#costs.get(current);
      if (!total) {
        total = emptyCostTotal();
        this.#costs.set(current, total);
      }
      add(total);
    }
  }
}

/** Adds `cost` into `total` in place and returns `total`. */
export function addTotal(total: CostTotal, cost: CostTotal): CostTotal {
  addCost(total, { usd: cost.usd });
  for (const model of cost.unpricedModels) addCost(total, { unpriced: true, model });
  return total;
}
