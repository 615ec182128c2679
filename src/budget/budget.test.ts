import { describe, expect, test } from "vitest";
import { budgetOfWorker, checkBudget, hasLimits } from "./budget.js";

describe("budgets", () => {
  test("a worker's budget: front matter names to options", () => {
    expect(budgetOfWorker({ max_cost: 0.5, max_calls: 3 })).toEqual({ maxCost: 0.5, maxCalls: 3 });
    expect(hasLimits(budgetOfWorker({}))).toBe(false);
    expect(hasLimits(undefined)).toBe(false);
    expect(hasLimits({ maxTokens: 10 })).toBe(true);
  });

  test.each([
    [{ maxCost: 0 }, "here: max_cost must be a positive number (got 0)"],
    [{ maxTokens: 2.5 }, "here: max_tokens must be a positive integer (got 2.5)"],
    [{ maxCalls: Number.NaN }, "here: max_calls must be a positive integer (got NaN)"],
  ])("%j is refused", (budget, message) => {
    expect(() => checkBudget(budget, "here")).toThrow(message);
  });

  test("valid limits pass", () => {
    expect(() => checkBudget({ maxCost: 0.01, maxTokens: 1, maxCalls: 1 }, "here")).not.toThrow();
  });
});
