/**
 * @module `--max-cost`, `--max-tokens` and `--max-calls` of a batch: limits on the whole batch,
 * counting the results already in the results file and every model response of this run.
 */
import { type Budget, hasLimits } from "../budget/budget.js";
import { BudgetExceededError, type BudgetLimit, ConfigError } from "../errors.js";
import type { RunEventOf } from "../events/run-event.js";
import { addCost, type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import type { BatchResult } from "./batch-item.js";

const flags: Readonly<Record<BudgetLimit, string>> = {
  max_cost: "--max-cost",
  max_tokens: "--max-tokens",
  max_calls: "--max-calls",
};

/** The spending of a batch against its limits. */
export class BatchBudget {
  readonly #cost: CostTotal = emptyCostTotal();
  #tokens = 0;
  #requests = 0;

  constructor(private readonly budget: Budget | undefined) {}

  /** Counts a result written before this run. */
  addResult(result: BatchResult): void {
    addCost(this.#cost, { usd: result.cost.usd });
    this.#tokens += result.usage.totalTokens;
    this.#requests += result.usage.requests;
  }

  /**
   * Counts a model response of item `key`; returns the error that stops the batch when a limit is
   * crossed (or cannot be checked: a cost limit and a model without a price).
   */
  addResponse(
    key: string,
    event: RunEventOf<"model-response">,
  ): BudgetExceededError | ConfigError | undefined {
    addCost(this.#cost, event.cost);
    this.#tokens += event.usage.totalTokens;
    this.#requests += 1;
    const budget = this.budget;
    if (!hasLimits(budget)) return undefined;
    if (budget.maxCost !== undefined && "unpriced" in event.cost) {
      return new ConfigError(
        `--max-cost cannot be enforced: the price of model '${event.cost.model}' is unknown (item ${key}); remove the cost limit or use a priced model`,
      );
    }
    const crossed = this.#crossed(budget);
    if (!crossed) return undefined;
    const used = {
      max_cost: `$${this.#cost.usd.toFixed(4)} spent`,
      max_tokens: `${this.#tokens} tokens used`,
      max_calls: `${this.#requests} model requests made`,
    }[crossed];
    const limit = { max_cost: budget.maxCost, max_tokens: budget.maxTokens, max_calls: budget.maxCalls }[
      crossed
    ];
    const shown = crossed === "max_cost" ? `$${(limit ?? 0).toFixed(2)}` : String(limit);
    return new BudgetExceededError(
      `Budget exceeded: ${crossed} ${shown} for the batch (${flags[crossed]}) was crossed by item ${key} (${event.path.join(" > ")}, step ${event.step}); ${used}. Items not finished are left to run: run the same command with a higher limit to go on`,
      { limit: crossed, scope: "batch", callPath: [...event.path], step: event.step },
    );
  }

  #crossed(budget: Budget): BudgetLimit | undefined {
    if (budget.maxCalls !== undefined && this.#requests > budget.maxCalls) return "max_calls";
    if (budget.maxTokens !== undefined && this.#tokens > budget.maxTokens) return "max_tokens";
    if (budget.maxCost !== undefined && this.#cost.usd > budget.maxCost) return "max_cost";
    return undefined;
  }
}
