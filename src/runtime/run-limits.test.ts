import { describe, expect, test } from "vitest";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { resolveRunLimits, stepLimitError, workerLimits } from "./run-limits.js";

describe("resolveRunLimits", () => {
  test("defaults: depth 5, 100 steps, 300 s idle, 3600 s per request", () => {
    expect(resolveRunLimits({})).toEqual({
      maxDepth: 5,
      maxSteps: 100,
      timeouts: { idleMs: 300_000, requestMs: 3_600_000 },
    });
  });

  test("a depth of 50 is allowed, 51 is not", () => {
    expect(resolveRunLimits({ maxDepth: 50 }).maxDepth).toBe(50);
    expect(() => resolveRunLimits({ maxDepth: 51 })).toThrow(
      "maxDepth must be an integer from 1 to 50 (got 51)",
    );
  });

  test("one timeout given keeps the other's default", () => {
    expect(resolveRunLimits({ timeouts: { idleMs: 500 } }).timeouts).toEqual({
      idleMs: 500,
      requestMs: 3_600_000,
    });
  });
});

describe("workerLimits", () => {
  const run = resolveRunLimits({ maxSteps: 7, timeouts: { idleMs: 1_000, requestMs: 2_000 } });

  test("the run's limits for a worker that sets none", () => {
    const worker = parseWorkerFile("---\nname: a\n---\n", "a.worker");
    expect(workerLimits(worker, run)).toEqual({ maxSteps: 7, timeouts: { idleMs: 1_000, requestMs: 2_000 } });
  });

  test("each of the worker's own settings wins on its own", () => {
    const worker = parseWorkerFile("---\nname: a\nmax_steps: 3\nrequest_timeout: 9\n---\n", "a.worker");
    expect(workerLimits(worker, run)).toEqual({ maxSteps: 3, timeouts: { idleMs: 1_000, requestMs: 9_000 } });
  });
});

describe("stepLimitError", () => {
  const worker = { name: "main", callPath: ["main"] };

  test("only a loop that used every step and was still calling tools", () => {
    expect(stepLimitError(worker, { steps: 3, lastStepCalledTools: true, maxSteps: 3 })).toMatchObject({
      code: "STEP_LIMIT",
      details: { worker: "main", callPath: ["main"], maxSteps: 3 },
    });
    expect(stepLimitError(worker, { steps: 3, lastStepCalledTools: false, maxSteps: 3 })).toBeUndefined();
    expect(stepLimitError(worker, { steps: 2, lastStepCalledTools: true, maxSteps: 3 })).toBeUndefined();
  });
});
