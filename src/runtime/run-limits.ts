/**
 * @module The limits of a run and of each worker in it: worker nesting depth, steps (model
 * requests) per worker call, and how long a model request may stall or take. The run's values
 * come from `RunOptions` (the CLI's `--max-depth`, `--max-steps`, `--idle-timeout`,
 * `--request-timeout`); a worker's front matter (`max_steps`, `idle_timeout`, `request_timeout`)
 * beats them for that worker. Reaching the step limit is an outcome, {@link StepLimitError},
 * never an answer.
 */
import { ConfigError, StepLimitError } from "../errors.js";
import { defaultRequestTimeouts, type RequestTimeouts } from "../models/request-timeouts.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";

/** The deepest worker nesting allowed by default (the entry worker is depth 1). */
export const DEFAULT_MAX_DEPTH = 5;

/**
 * The deepest nesting that may be allowed at all. Every level holds a worker's conversation and
 * an open model loop; 3,000 levels took 3.5 GB. Recursive workers in practice go 10 deep.
 */
export const MAX_DEPTH_LIMIT = 50;

/** The most model requests in one worker call's tool loop, by default. */
export const DEFAULT_MAX_STEPS = 100;

/** The longest timeout that can be set: a day (timers cannot wait longer than 24.8 days). */
export const MAX_TIMEOUT_MS = 86_400_000;

/** The limits as `run()` takes them. */
export interface RunLimitOptions {
  maxDepth?: number;
  maxSteps?: number;
  timeouts?: Partial<RequestTimeouts>;
}

/** The run's limits, checked, with defaults. */
export interface RunLimits {
  maxDepth: number;
  maxSteps: number;
  timeouts: RequestTimeouts;
}

/** One worker call's limits. */
export interface WorkerLimits {
  maxSteps: number;
  timeouts: RequestTimeouts;
}

/**
 * The run's limits with defaults. Contract: throws a ConfigError naming the option and what is
 * valid for a depth outside 1..{@link MAX_DEPTH_LIMIT}, a step count that is not a positive
 * integer, or a timeout that is not a positive number of milliseconds up to a day.
 */
export function resolveRunLimits(options: RunLimitOptions): RunLimits {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
    throw new ConfigError(`maxDepth must be an integer from 1 to ${MAX_DEPTH_LIMIT} (got ${maxDepth})`);
  }
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new ConfigError(`maxSteps must be a positive integer (got ${maxSteps})`);
  }
  const timeouts = { ...defaultRequestTimeouts, ...options.timeouts };
  for (const [name, value] of Object.entries(timeouts)) {
    if (!(typeof value === "number" && value > 0 && value <= MAX_TIMEOUT_MS)) {
      throw new ConfigError(
        `timeouts.${name} must be a positive number of milliseconds up to ${MAX_TIMEOUT_MS} (got ${value})`,
      );
    }
  }
  return { maxDepth, maxSteps, timeouts };
}

/** A worker's limits: its front matter's, else the run's. */
export function workerLimits(worker: WorkerDefinition, run: RunLimits): WorkerLimits {
  return {
    maxSteps: worker.maxSteps ?? run.maxSteps,
    timeouts: {
      idleMs: worker.idleTimeoutMs ?? run.timeouts.idleMs,
      requestMs: worker.requestTimeoutMs ?? run.timeouts.requestMs,
    },
  };
}

/**
 * The error for a worker call whose tool loop ended at its step limit, or undefined when it
 * ended with an answer: it ran `steps` model requests, and the last one still called tools.
 */
export function stepLimitError(
  worker: { name: string; callPath: string[] },
  loop: { steps: number; lastStepCalledTools: boolean; maxSteps: number },
): StepLimitError | undefined {
  if (loop.steps < loop.maxSteps || !loop.lastStepCalledTools) return undefined;
  return new StepLimitError(
    `Worker '${worker.name}' reached its step limit of ${loop.maxSteps} model requests while still calling tools, so it has no final answer (call path: ${worker.callPath.join(" > ")}); raise it with max_steps in the worker's front matter or --max-steps`,
    { worker: worker.name, callPath: worker.callPath, maxSteps: loop.maxSteps },
  );
}
