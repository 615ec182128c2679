/**
 * @module A batch's items as queued durable runs: item KEY of batch ID is the workflow
 * `llm-do/batch/ID/KEY`, put on the items queue of its files, and run by whichever process takes
 * it (`llm-do batch` itself, or any `llm-do runner` with the same files). Its arguments carry all
 * a process needs to rebuild it ({@link BatchItemSpec}: files, entry, `--set`, model, approvals,
 * limits, the input; no secrets): keys and base URLs come from the environment of the process
 * that runs it.
 *
 * Files decide which processes serve a batch: the items queue is named after the files (as given,
 * relative to the working directory), so a runner only ever takes items of batches with its
 * files. Their contents are each process's own: a runner whose files were edited runs them.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import type { BatchItem, BatchResult } from "../batch/batch-item.js";
import type { ItemControl, ItemRunner } from "../batch/run-batch.js";
import { type ItemFiles, type ItemRunOptions, runBatchItem } from "../batch/run-batch-item.js";
import { ConfigError } from "../errors.js";
import type { Project } from "../registry/load-project.js";
import { stableStringify } from "../util/stable-stringify.js";
import type { ApprovalWaitOptions } from "./approvals/durable-decisions.js";
import type { DurableEngine, DurableRunArguments } from "./durable-engine.js";
import { createDurableRunHooks } from "./durable-run-hooks.js";
import type { QueuedModelRequests } from "./queued-model-requests.js";

/** What a batch item's workflow carries, besides its input: how to run it, in any process. */
export interface BatchItemSpec {
  type: "batch-item";
  /** The `.worker` and tool files, relative to the working directory (`/` separated). */
  files: string[];
  entry: string;
  /** `--set` overrides, as given. */
  set: string[];
  model?: string;
  approval: "approve_all" | "reject_all" | "fail";
  maxDepth?: number;
  replayDrift?: "report" | "fail";
  /** `--approval-timeout`: a call waiting for a person longer than this is denied. */
  approvalTimeoutMs?: number;
  /** `--trace DIR`, relative to the working directory of the process that runs the item. */
  trace?: string;
  /** `--record DIR`, likewise. */
  record?: string;
}

/** The workflow id of an item. */
export function itemWorkflowId(batchId: string, key: string): string {
  return `llm-do/batch/${batchId}/${key}`;
}

/** Files as a spec names them: relative to `cwd`, `/` separated, in the order given. */
export function specFiles(files: readonly string[], cwd: string): string[] {
  return files.map((file) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/"));
}

/** The items queue of batches of these files (as {@link specFiles} gives them). */
export function itemsQueueName(files: readonly string[]): string {
  const digest = createHash("sha256")
    .update(stableStringify([...files].sort()))
    .digest("hex")
    .slice(0, 16);
  return `llm-do.items.${digest}`;
}

/** Loads the project an item's spec names (cached per entry and overrides by the caller). */
export type ProjectLoader = (spec: BatchItemSpec) => Promise<Project>;

/** Options of {@link batchItemService}. */
export interface BatchItemServiceOptions {
  engine: DurableEngine;
  /** This process's files, as {@link specFiles} gives them. */
  files: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  loadProject: ProjectLoader;
  modelRequests?: QueuedModelRequests;
  /**
   * Where calls that need a person wait (items whose spec has no `--approve-all` or
   * `--reject-all`); the timeout comes from each item's spec.
   */
  approvals?: Omit<ApprovalWaitOptions, "timeoutMs">;
  /** Told about items this process runs for other processes' batches. */
  onItem?: (event: ServedItemEvent) => void;
}

/** An item this process ran for a batch it did not start. */
export type ServedItemEvent =
  | { type: "start"; batch: string; key: string }
  | { type: "end"; batch: string; key: string; result: BatchResult };

/** The items side of a durable process: it serves the items queue and runs its own batches. */
export interface BatchItemService {
  /** This process's items queue. */
  readonly queue: string;
  /** Starts taking items from the queue (the engine must listen to it). */
  serve(): void;
  /** The item runner of one batch of this process (its items go through the queue too). */
  batch(
    batchId: string,
    spec: BatchItemSpec,
  ): {
    runItem: ItemRunner;
    interrupt: (keys: readonly string[]) => Promise<void>;
    /** Puts items on the queue without waiting for them. */
    enqueue: (items: readonly BatchItem[]) => Promise<void>;
  };
  /**
   * Aborts the items this process runs for others and leaves them unfinished (to be handed back
   * to the queue): call after the engine stopped listening.
   */
  stop(): void;
}

/** Creates the service. */
export function batchItemService(options: BatchItemServiceOptions): BatchItemService {
  const { engine } = options;
  const queue = itemsQueueName(options.files);
  const ours = stableStringify([...options.files].sort());
  /**
   * Items of this process's own batches, by workflow id: they report to the batch, and an item run
   * here hands its result over at once (rather than when the batch next looks at the database).
   */
  const local = new Map<string, { control: ItemControl; finished: (result: BatchResult) => void }>();
  const stopping = new AbortController();

  const runSpec = async (
    id: string,
    args: DurableRunArguments,
    steps: Parameters<typeof createDurableRunHooks>[0],
  ) => {
    const spec = args.spec as BatchItemSpec;
    if (spec.type !== "batch-item") throw new ConfigError(`durable run ${id} is not a batch item`);
    if (stableStringify([...spec.files].sort()) !== ours) {
      // Not reached through the queue (named after the files); a run resumed by hand could.
      throw new ConfigError(
        `batch item ${id} runs files ${spec.files.join(" ")}, this process has ${options.files.join(" ")}`,
      );
    }
    const own = local.get(id);
    const item: BatchItem = { key: args.key, input: args.input };
    const control: ItemControl = own?.control ?? { signal: stopping.signal, onEvent: () => {} };
    if (!own) options.onItem?.({ type: "start", batch: args.group, key: args.key });
    const runOptions: ItemRunOptions & ItemFiles = {
      project: await options.loadProject(spec),
      entry: spec.entry,
      approval: spec.approval,
      ...(spec.model !== undefined ? { model: spec.model } : {}),
      ...(spec.maxDepth !== undefined ? { maxDepth: spec.maxDepth } : {}),
      ...(spec.replayDrift !== undefined ? { replayDrift: spec.replayDrift } : {}),
      ...(spec.trace !== undefined ? { traceDirectory: path.resolve(options.cwd, spec.trace) } : {}),
      ...(spec.record !== undefined ? { recordDirectory: path.resolve(options.cwd, spec.record) } : {}),
      cwd: options.cwd,
      env: options.env,
    };
    const approvals =
      spec.approval === "fail" && options.approvals
        ? {
            ...options.approvals,
            ...(spec.approvalTimeoutMs !== undefined ? { timeoutMs: spec.approvalTimeoutMs } : {}),
          }
        : undefined;
    const hooks = createDurableRunHooks(steps, {
      ...(options.modelRequests ? { modelRequests: options.modelRequests } : {}),
      ...(approvals ? { approvals } : {}),
    });
    try {
      const result = await runBatchItem(item, runOptions, control, {
        hooks,
        replayedCost: () => hooks.replayedCost(),
      });
      if (!own) options.onItem?.({ type: "end", batch: args.group, key: args.key, result });
      // Every step is recorded: should the process die before DBOS records the result, the line
      // written meanwhile is what the next run of the batch goes by.
      own?.finished(result);
      return result;
    } catch (error) {
      // Stopped: neither finished nor failed. The workflow stays unfinished, to be handed back
      // to the queue and run by another process.
      if (!own && stopping.signal.aborted) await new Promise(() => {});
      throw error;
    }
  };

  return {
    queue,
    serve() {
      engine.serve(runSpec);
    },
    batch(batchId, spec) {
      const argsOf = (item: BatchItem): DurableRunArguments => ({
        group: batchId,
        key: item.key,
        input: item.input,
        spec,
      });
      // One at a time, in the order asked: a queue hands items out in the order they came.
      let queued: Promise<unknown> = Promise.resolve();
      const enqueueInOrder = (item: BatchItem) => {
        const done = queued.then(() =>
          engine.enqueue(itemWorkflowId(batchId, item.key), argsOf(item), queue),
        );
        queued = done.catch(() => {});
        return done;
      };
      return {
        runItem: async (item, control) => {
          const id = itemWorkflowId(batchId, item.key);
          let finished: (result: BatchResult) => void = () => {};
          const finishedHere = new Promise<BatchResult>((resolve) => {
            finished = resolve;
          });
          local.set(id, { control, finished });
          try {
            await enqueueInOrder(item);
            const recorded = engine.result<BatchResult>(id);
            // Read from the record only when the item did not finish here (the other lost race
            // must not be an unhandled rejection).
            const settling = recorded.catch(() => {});
            // Finished here: its line waits (at most 5 s) for DBOS to record the workflow's end,
            // so that no status (`llm-do runs`) lags behind the results file.
            const recordedAfter = (result: BatchResult) =>
              Promise.race([settling.then(() => result), delay(5_000, result, { ref: false })]);
            return await Promise.race([recorded, finishedHere.then(recordedAfter)]);
          } finally {
            local.delete(id);
          }
        },
        interrupt: (keys) => engine.interrupt(keys.map((key) => itemWorkflowId(batchId, key))),
        enqueue: async (items) => {
          for (const item of items) await enqueueInOrder(item);
        },
      };
    },
    stop() {
      stopping.abort();
    },
  };
}
