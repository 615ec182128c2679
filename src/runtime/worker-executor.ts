/**
 * @module How a run executes a worker call: the worker's tools and model, wrapped by the run's
 * instrumentation (and durable steps), then its model loop.
 */
import type { ModelMessage } from "ai";
import type { RunEvent } from "../events/run-event.js";
import type { RunInstrumentation } from "../instrument/instrument-run.js";
import type { RetryOptions } from "../models/retry-policy.js";
import type { WorkerExecutor } from "./call-runner.js";
import type { DurableHooks } from "./durable-hooks.js";
import type { WorkerFrame } from "./frame.js";
import { type RunLimits, workerLimits } from "./run-limits.js";
import type { RunResolver } from "./run-resolver.js";
import { runWorkerLoop } from "./run-worker-loop.js";

/** What executing workers needs from the run. */
export interface WorkerExecutorOptions {
  resolver: RunResolver;
  /** Wraps each worker's model (recording, replay, budgets). */
  instrumentation: Pick<RunInstrumentation, "modelFor">;
  /** Makes model requests durable steps (durable runs only). */
  durable?: DurableHooks | undefined;
  limits: RunLimits;
  emit: (event: RunEvent) => void;
  cwd: string;
  retry?: RetryOptions | undefined;
  /** The error that ended the run, if any. */
  fatalError: () => unknown;
  /** Receives the entry worker's conversation when its loop ends. */
  onEntryMessages: (messages: ModelMessage[]) => void;
}

/** The run's way to execute a worker call (`CallRunnerServices.executeWorker`). */
export function createWorkerExecutor(options: WorkerExecutorOptions): WorkerExecutor {
  const { resolver, instrumentation, durable } = options;
  return async (frame, worker, input, call) => {
    const bindings = await resolver.tools(worker);
    // The calls the worker makes see its own tools.
    const workerFrame: WorkerFrame = { ...frame, bindings };
    const resolved = await resolver.resolveModel(frame.model);
    const model = instrumentation.modelFor(
      workerFrame,
      worker,
      durable ? durable.modelFor(workerFrame, resolved) : resolved,
    );
    const { maxSteps, timeouts } = workerLimits(worker, options.limits);
    const loop = await runWorkerLoop({
      frame: workerFrame,
      worker,
      model,
      input,
      history: call.history as ModelMessage[] | undefined,
      bindings,
      runner: call.runner,
      emit: options.emit,
      cwd: options.cwd,
      maxSteps,
      timeouts,
      retry: options.retry,
      outputSchema: resolver.outputSchema(worker),
      fatalError: options.fatalError,
    });
    if (call.isEntry) options.onEntryMessages(loop.messages);
    return loop.output;
  };
}
