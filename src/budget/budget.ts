/**
 * @module Budgets: limits on cost, tokens and model requests, for a run (`--max-cost`,
 * `--max-tokens`, `--max-calls`) or for every call of a worker (front matter `budget:`).
 *
 * `max_calls` counts model requests (retries of a failed request not included), because they
 * are what costs money and time; tool calls are free to the budget.
 */
import { ConfigError } from "../errors.js";
import type { WorkerBudget } from "../worker/worker-definition.js";

/** Limits; an absent field is no limit. */
export interface Budget {
  /** Most estimated cost in US dollars. */
  maxCost?: number;
  /** Most tokens, input and output together. */
  maxTokens?: number;
  /** Most model requests. */
  maxCalls?: number;
}

/** A worker's `budget:` front matter as a Budget. */
export function budgetOfWorker(budget: WorkerBudget): Budget {
  return {
    ...(budget.max_cost !== undefined ? { maxCost: budget.max_cost } : {}),
    ...(budget.max_tokens !== undefined ? { maxTokens: budget.max_tokens } : {}),
    ...(budget.max_calls !== undefined ? { maxCalls: budget.max_calls } : {}),
  };
}

/** True when the budget limits anything. */
export function hasLimits(budget: Budget | undefined): budget is Budget {
  return budget !== undefined && Object.values(budget).some((value) => value !== undefined);
}

/** Checks the values. Contract: throws a ConfigError naming the bad limit. */
export function checkBudget(budget: Budget, where: string): void {
  const check = (name: string, value: number | undefined, integer: boolean) => {
    if (value === undefined) return;
    const valid = Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value));
    if (!valid)
      throw new ConfigError(
        `${where}: ${name} must be a positive ${integer ? "integer" : "number"} (got ${value})`,
      );
  };
  check("max_cost", budget.maxCost, false);
  check("max_tokens", budget.maxTokens, true);
  check("max_calls", budget.maxCalls, true);
}
