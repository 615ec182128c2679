/**
 * @module Enforces budgets while a run goes on: counts every model response against the run's
 * budget and the budgets of the worker calls above it, refuses a request that would go over,
 * and stops the run when a response crosses a limit.
 */
import { basename } from "node:path";
import { BudgetExceededError, type BudgetLimit, ConfigError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { addCost, type CostTotal, emptyCostTotal, estimateCost } from "../models/estimate-cost.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import { type Budget, budgetOfWorker, checkBudget, hasLimits } from "./budget.js";

interface Scope {
  /** `for the run (--max-tokens)`-style description, per limit. */
  describe: (limit: BudgetLimit) => string;
  name: string;
  budget: Budget;
  tokens: number;
  requests: number;
  /** Requests sent whose response has not arrived (parallel calls count before they finish). */
  pending: number;
  /** Summed with `addCost`, which rounds, so three $0.10 responses do not cross `max_cost` 0.3. */
  cost: CostTotal;
}

interface Totals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cost: CostTotal;
}

/** Options of {@link BudgetTracker}. */
export interface BudgetTrackerOptions {
  /** The run's budget. */
  budget?: Budget;
  /** Ends the run with an error. */
  fail: (error: unknown) => void;
}

const flags: Readonly<Record<BudgetLimit, string>> = {
  max_cost: "--max-cost",
  max_tokens: "--max-tokens",
  max_calls: "--max-calls",
};

/** Tracks usage against budgets. Feed it every event with {@link BudgetTracker.onEvent}. */
export class BudgetTracker {
  readonly #parents = new Map<string, string | undefined>();
  readonly #paths = new Map<string, string[]>();
  readonly #scopes = new Map<string, Scope>();
  readonly #run: Scope | undefined;
  readonly #totals: Totals = { requests: 0, inputTokens: 0, outputTokens: 0, cost: emptyCostTotal() };
  #stopped = false;

  constructor(private readonly options: BudgetTrackerOptions) {
    if (hasLimits(options.budget)) {
      this.#run = newScope("run", options.budget, (limit) => `for the run (${flags[limit]})`);
    }
  }

  /** Checks the run's budget. Contract: throws a ConfigError for a limit that is not a positive number. */
  check(): void {
    if (this.#run) checkBudget(this.#run.budget, "the run's budget");
  }

  /** True when the run has a budget; worker budgets are found as workers start. */
  get hasRunBudget(): boolean {
    return this.#run !== undefined;
  }

  /** True when a budget applies to the call (the run's, its own or a caller's). */
  covers(callId: string): boolean {
    return this.#scopesOf(callId).length > 0;
  }

  /** Registers the `budget:` of the worker a call runs (each call gets its own). */
  startWorker(callId: string, worker: WorkerDefinition): void {
    if (!worker.budget) return;
    const budget = budgetOfWorker(worker.budget);
    if (!hasLimits(budget)) return;
    checkBudget(budget, `${worker.file}: budget`);
    const where = `for each call of worker '${worker.name}' (budget: in ${basename(worker.file)})`;
    this.#scopes.set(
      callId,
      newScope(worker.name, budget, () => where),
    );
  }

  /** Follows the call tree and counts model responses. */
  onEvent(event: RunEvent): void {
    if (event.type === "call-start") {
      this.#parents.set(event.callId, event.parentCallId);
      this.#paths.set(event.callId, event.path);
      return;
    }
    if (event.type !== "model-response") return;
    const totals = this.#totals;
    totals.requests += 1;
    totals.inputTokens += event.usage.inputTokens;
    totals.outputTokens += event.usage.outputTokens;
    addCost(totals.cost, event.cost);
    for (const scope of this.#scopesOf(event.callId)) {
      scope.tokens += event.usage.totalTokens;
      scope.requests += 1;
      scope.pending = Math.max(0, scope.pending - 1);
      addCost(scope.cost, event.cost);
      if (this.#stopped) continue;
      const crossed = crossedLimit(scope, (used, limit) => used > limit);
      if (crossed) this.#stop(crossed, scope, event.path, event.step, "was crossed by");
    }
  }

  /**
   * Called before a worker call's model request. Contract: throws (after ending the run) a
   * BudgetExceededError when a limit is already reached, so the request would cross it, and a
   * ConfigError when a cost limit applies but `modelId` has no known price.
   */
  beforeRequest(callId: string, step: number, modelId: string): void {
    const path = this.#paths.get(callId) ?? [];
    const scopes = this.#scopesOf(callId);
    for (const scope of scopes) {
      if (
        scope.budget.maxCost !== undefined &&
        "unpriced" in estimateCost(modelId, { inputTokens: 0, outputTokens: 0 })
      ) {
        const error = new ConfigError(
          `max_cost ${scope.describe("max_cost")} cannot be enforced: the price of model '${modelId}' is unknown (${path.join(" > ")}); remove the cost limit or use a priced model`,
        );
        this.options.fail(error);
        throw error;
      }
      const reached = crossedLimit(scope, (used, limit) => used >= limit, scope.pending);
      if (reached) throw this.#stop(reached, scope, path, step, "would be crossed by");
    }
    for (const scope of scopes) scope.pending += 1;
  }

  #stop(
    limit: BudgetLimit,
    scope: Scope,
    path: readonly string[],
    step: number,
    verb: string,
  ): BudgetExceededError {
    this.#stopped = true;
    const value = {
      max_cost: scope.budget.maxCost,
      max_tokens: scope.budget.maxTokens,
      max_calls: scope.budget.maxCalls,
    }[limit];
    const used = {
      max_cost: `${formatUsd(scope.cost.usd)} spent`,
      max_tokens: `${scope.tokens} tokens used`,
      max_calls: `${scope.requests} model request${scope.requests === 1 ? "" : "s"} made`,
    }[limit];
    const shown = limit === "max_cost" ? formatUsd(value ?? 0) : String(value);
    const error = new BudgetExceededError(
      `Budget exceeded: ${limit} ${shown} ${scope.describe(limit)} ${verb} ${path.join(" > ")} (step ${step}); ${used}. Usage so far: ${this.#describeTotals()}`,
      { limit, scope: scope.name, callPath: [...path], step },
    );
    this.options.fail(error);
    return error;
  }

  #scopesOf(callId: string): Scope[] {
    const scopes: Scope[] = [];
    let current: string | undefined = callId;
    while (current !== undefined) {
      const scope = this.#scopes.get(current);
      if (scope) scopes.push(scope);
      current = this.#parents.get(current);
    }
    if (this.#run) scopes.push(this.#run);
    return scopes;
  }

  #describeTotals(): string {
    const { requests, inputTokens, outputTokens, cost } = this.#totals;
    const unpriced = cost.unpricedModels.length > 0 ? ` (+ unpriced ${cost.unpricedModels.join(", ")})` : "";
    return `${requests} model request${requests === 1 ? "" : "s"}, ${inputTokens + outputTokens} tokens (${inputTokens} input + ${outputTokens} output), ${formatUsd(cost.usd)}${unpriced}.`;
  }
}

function newScope(name: string, budget: Budget, describe: (limit: BudgetLimit) => string): Scope {
  return { name, budget, describe, tokens: 0, requests: 0, pending: 0, cost: emptyCostTotal() };
}

function crossedLimit(
  scope: Scope,
  over: (used: number, limit: number) => boolean,
  pending = 0,
): BudgetLimit | undefined {
  const { budget } = scope;
  if (budget.maxCalls !== undefined && over(scope.requests + pending, budget.maxCalls)) return "max_calls";
  if (budget.maxTokens !== undefined && over(scope.tokens, budget.maxTokens)) return "max_tokens";
  if (budget.maxCost !== undefined && over(scope.cost.usd, budget.maxCost)) return "max_cost";
  return undefined;
}

function formatUsd(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}
