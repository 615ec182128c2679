import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { BudgetTracker } from "./budget-tracker.js";

const callStart: RunEvent = {
  type: "call-start",
  callId: "c1",
  name: "main",
  kind: "worker",
  path: ["main"],
  depth: 1,
  input: "go",
};

const response = (step: number, usd: number): RunEvent => ({
  type: "model-response",
  callId: "c1",
  path: ["main"],
  step,
  model: "anthropic:claude-haiku-4-5",
  usage: {
    inputTokens: 1,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 1,
    totalTokens: 2,
    requests: 1,
  },
  finishReason: "stop",
  cost: { usd },
});

describe("BudgetTracker", () => {
  test("costs that add up to max_cost exactly do not cross it (no float drift)", () => {
    const failures: unknown[] = [];
    const tracker = new BudgetTracker({ budget: { maxCost: 0.3 }, fail: (error) => failures.push(error) });
    tracker.onEvent(callStart);
    for (const step of [1, 2, 3]) tracker.onEvent(response(step, 0.1));
    expect(failures).toEqual([]);
    tracker.onEvent(response(4, 0.0001));
    expect(String(failures[0])).toContain(
      "max_cost $0.30 for the run (--max-cost) was crossed by main (step 4)",
    );
  });
});
