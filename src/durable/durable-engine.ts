/**
 * @module DBOS Transact set up for llm-do: one workflow, `llm-do.run`, whose body is a durable
 * run (a batch item, or a single `--durable` run). A run is found by its workflow id: started when
 * new, resumed when it was interrupted, and answered from its record when it finished. Imported
 * lazily: plain runs never load DBOS.
 *
 * A run is either local (its body is a function of this process: a single `--durable` run,
 * started on a queue only this process listens to) or queued (its body is rebuilt from its
 * arguments by whichever process takes it from a shared queue: a batch item; see
 * {@link DurableEngine.serve}). Every process has a fresh executor id; the work of one that died
 * is handed to others by `runner-heartbeats.ts` through {@link DurableEngine.recover}.
 */
import { AsyncResource } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { DBOS, type DLogger, type WorkflowHandle } from "@dbos-inc/dbos-sdk";
import { getExecutor } from "@dbos-inc/dbos-sdk/internal/dbos";
import { DurableStateError, errorMessage, InternalError } from "../errors.js";
import { dbosStepStore } from "./dbos-step-store.js";
import { KeyedSteps } from "./keyed-steps.js";
import { maskPassword } from "./mask-password.js";

/** The DBOS application name of llm-do's workflows. */
export const DBOS_APPLICATION = "llm-do";
/**
 * The DBOS application version. DBOS runs a workflow only under the version that started it, so
 * this changes only when the records of a durable run change shape, not with llm-do's version.
 * 2: a queued run carries its spec in its arguments, model requests may be workflows of their own.
 */
export const DURABLE_FORMAT_VERSION = "llm-do-durable-2";

/** What a durable run is, as recorded with its workflow. */
export interface DurableRunArguments {
  /** The batch id, or `run` for a single run. */
  group: string;
  /** The item's key, or the run's id. */
  key: string;
  /** The entry's input. */
  input: unknown;
  /** What a process needs to rebuild a queued run's body (see {@link DurableEngine.serve}). */
  spec?: unknown;
}

/** The body of a durable run: it gets the run's steps and returns its (JSON) result. */
export type DurableRunBody<Result> = (steps: KeyedSteps) => Promise<Result>;

/** Rebuilds and runs a queued run taken from a shared queue. */
export type QueuedRunHandler = (id: string, args: DurableRunArguments, steps: KeyedSteps) => Promise<unknown>;

/** A shared queue's limits (DBOS's queue parameters, kept in the database for every process). */
export interface QueueLimits {
  /** Most workflows of the queue running at once, over every process. */
  concurrency?: number;
  /** Most workflows of the queue one process runs at once. */
  workerConcurrency?: number;
  /** Most workflows started per period, over every process. */
  rateLimit?: { limitPerPeriod: number; periodSec: number };
  /**
   * One partition ({@link SHARED_PARTITION}) every workflow of the queue must be put in: DBOS then
   * takes workflows from it in serializable transactions, so that processes taking them at the
   * same moment cannot together go over the queue's limits (they can on a plain queue).
   */
  strict?: boolean;
}

/** The partition of a {@link QueueLimits.strict} queue. */
export const SHARED_PARTITION = "all";

/** Options of {@link launchDurableEngine}. */
export interface DurableEngineOptions {
  /** The Postgres database DBOS keeps its tables in (created and migrated when missing). */
  databaseUrl: string;
  /** Receives DBOS's warnings and errors; its other logs are dropped. */
  onLog?: (level: "warn" | "error", message: string) => void;
  /** Runs expected at the same time (sizes the connection pool; default 4). */
  concurrency?: number;
  /** The shared queues this process takes work from, besides its own. */
  listenQueues?: readonly string[];
}

/** The launched engine. */
export interface DurableEngine {
  /** This process's DBOS executor id. */
  readonly executorId: string;
  /**
   * Runs the local durable run `id` to its end and returns its result: starts it when it is new,
   * resumes it when it is unfinished, and returns the recorded result of a finished one. Contract:
   * rejects with a DurableStateError when the database fails, and with what the body threw.
   */
  run<Result>(id: string, args: DurableRunArguments, body: DurableRunBody<Result>): Promise<Result>;
  /**
   * Puts the queued run `id` on `queueName` when it is new (or was interrupted), and resolves
   * when it is there (or running, or finished): whichever process serves that queue runs it.
   */
  enqueue(id: string, args: DurableRunArguments, queueName: string): Promise<void>;
  /** Resolves with a run's result once it finished, wherever it ran (rejects like {@link run}). */
  result<Result>(id: string): Promise<Result>;
  /** How this process runs the queued runs it takes (set once; runs taken before wait for it). */
  serve(handler: QueuedRunHandler): void;
  /** Creates or updates a shared queue (its limits hold for every process). */
  registerQueue(name: string, limits: QueueLimits): Promise<void>;
  /**
   * Marks runs as interrupted (DBOS's cancelled): a queued one leaves its queue, a running one
   * is not taken as finished; the next {@link run} or {@link enqueue} resumes them. Call before
   * aborting them.
   */
  interrupt(ids: readonly string[]): Promise<void>;
  /** Deletes a run's record (and its model requests'), so that the same id starts a new run. */
  forget(id: string): Promise<void>;
  /**
   * Puts the unfinished runs of dead executors back on their queues, for any process to take.
   * Returns how many were handed back.
   */
  recover(executorIds: readonly string[]): Promise<number>;
  /** Stops taking work from queues (runs going on go on). */
  stopListening(): Promise<void>;
  /** Stops the engine (runs still going are left unfinished, to be resumed or taken over). */
  shutdown(): Promise<void>;
}

const bodies = new Map<string, DurableRunBody<unknown>>();
/**
 * How this process runs queued runs. DBOS may hand out a queued run as soon as it launches, before
 * the process said how to run it: such a run waits for the handler.
 */
let queuedRunHandler = deferredHandler();

function deferredHandler(): { promise: Promise<QueuedRunHandler>; set: (handler: QueuedRunHandler) => void } {
  let set: (handler: QueuedRunHandler) => void = () => {};
  const promise = new Promise<QueuedRunHandler>((resolve) => {
    set = resolve;
  });
  return { promise, set };
}

const durableRun = DBOS.registerWorkflow(
  async (args: DurableRunArguments): Promise<unknown> => {
    const id = DBOS.workflowID;
    if (id === undefined) throw new InternalError(`durable run (${args.group} ${args.key}) has no id`);
    const body = bodies.get(id);
    if (body) return body(await KeyedSteps.load(id, dbosStepStore));
    if (args.spec !== undefined) {
      const handler = await queuedRunHandler.promise;
      return handler(id, args, await KeyedSteps.load(id, dbosStepStore));
    }
    throw new InternalError(`durable run ${id} (${args.group} ${args.key}) has no body in this process`);
  },
  { name: "llm-do.run" },
);

let launched: { engine: DurableEngine; databaseUrl: string } | undefined;

/**
 * Configures and launches DBOS (once per process). Contract: throws a DurableStateError naming
 * the database (without its password) when it cannot be reached or migrated.
 */
export async function launchDurableEngine(options: DurableEngineOptions): Promise<DurableEngine> {
  if (launched) {
    if (launched.databaseUrl === options.databaseUrl) return launched.engine;
    throw new InternalError("the durable engine is already running on another database in this process");
  }
  const executorId = `llm-do-${process.pid}-${randomUUID().slice(0, 8)}`;
  const queueName = `${executorId}-local`;
  DBOS.setConfig({
    name: DBOS_APPLICATION,
    systemDatabaseUrl: options.databaseUrl,
    applicationVersion: DURABLE_FORMAT_VERSION,
    executorID: executorId,
    listenQueues: [queueName, ...(options.listenQueues ?? [])],
    logger: forwardingLogger(options.onLog),
    // A connection per running item and a few for DBOS's own work, within Postgres's default 100.
    systemDatabasePoolSize: Math.min(50, Math.max(10, (options.concurrency ?? 4) + 4)),
    // DBOS sets this per connection with a query that node-postgres warns about; the server's
    // own setting applies instead.
    systemDatabaseIdleTransactionTimeoutMs: 0,
  });
  try {
    await DBOS.launch();
  } catch (error) {
    await DBOS.shutdown().catch(() => {});
    throw new DurableStateError(
      `cannot use the database ${maskPassword(options.databaseUrl)}: ${errorMessage(error)}`,
      { cause: error },
    );
  }
  // Interrupting is asked for from inside runs too (a budget crossed by a model response); DBOS
  // would take a call made in a workflow's context as one of its steps. This scope is outside.
  const outside = new AsyncResource("llm-do.durable-engine");
  const atOutside = <T>(work: () => Promise<T>): Promise<T> => outside.runInAsyncScope(work);
  // Made when a local run first starts: until then, nothing polls the database for it.
  let queue: Promise<unknown> | undefined;
  const localQueue = () => {
    queue ??= DBOS.registerQueue(queueName, { minPollingIntervalMs: 50 });
    return queue;
  };
  const finished = finishedRuns(atOutside);
  const engine: DurableEngine = {
    executorId,
    async run<Result>(id: string, args: DurableRunArguments, body: DurableRunBody<Result>): Promise<Result> {
      bodies.set(id, body as DurableRunBody<unknown>);
      try {
        const status = await DBOS.getWorkflowStatus(id);
        let handle: WorkflowHandle<unknown>;
        if (status?.status === "SUCCESS" || status?.status === "ERROR") handle = DBOS.retrieveWorkflow(id);
        else {
          await localQueue();
          handle = !status
            ? await DBOS.startWorkflow(durableRun, { workflowID: id, queueName })(args)
            : await DBOS.resumeWorkflow(id, { queueName });
        }
        return (await handle.getResult({ pollingIntervalMs: 50 })) as Result;
      } finally {
        bodies.delete(id);
      }
    },
    async enqueue(id: string, args: DurableRunArguments, queue: string): Promise<void> {
      await atOutside(async () => {
        const status = await DBOS.getWorkflowStatus(id);
        if (!status) await DBOS.startWorkflow(durableRun, { workflowID: id, queueName: queue })(args);
        else if (status.status === "CANCELLED") await DBOS.resumeWorkflow(id, { queueName: queue });
        // Waiting on another queue (`llm-do runs resume` of a run without a spec): moved onto this one.
        else if (status.status === "ENQUEUED" && status.queueName !== queue)
          await DBOS.resumeWorkflow(id, { queueName: queue });
      });
    },
    result: <Result>(id: string) => finished.wait(id) as Promise<Result>,
    serve(handler: QueuedRunHandler): void {
      queuedRunHandler.set(handler);
    },
    async registerQueue(name: string, limits: QueueLimits): Promise<void> {
      await atOutside(() =>
        DBOS.registerQueue(name, {
          ...(limits.concurrency !== undefined ? { globalConcurrency: limits.concurrency } : {}),
          ...(limits.strict ? { partitionConcurrency: limits.concurrency ?? 1_000_000 } : {}),
          ...(limits.workerConcurrency !== undefined ? { workerConcurrency: limits.workerConcurrency } : {}),
          ...(limits.rateLimit ? { rateLimit: limits.rateLimit } : {}),
          minPollingIntervalMs: 50,
          onConflict: "always_update",
        }),
      );
    },
    async interrupt(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await atOutside(() => DBOS.cancelWorkflows([...ids]));
    },
    async forget(id: string): Promise<void> {
      await atOutside(async () => {
        await DBOS.deleteWorkflow(id);
        // Its model requests (`ID @ main/1`, see queued-model-requests.ts): a new run of the same
        // id must not find them.
        const requests = await DBOS.listWorkflows({
          workflow_id_prefix: `${id} @ `,
          loadInput: false,
          loadOutput: false,
        });
        for (const request of requests) await DBOS.deleteWorkflow(request.workflowID);
      });
    },
    async recover(executorIds: readonly string[]): Promise<number> {
      // DBOS's recovery of named executors: their PENDING workflows go back to their queues.
      const handles = await atOutside(() => getExecutor().recoverPendingWorkflows([...executorIds]));
      return handles.length;
    },
    async stopListening(): Promise<void> {
      await getExecutor().deactivateEventReceivers();
    },
    async shutdown(): Promise<void> {
      if (launched?.engine !== engine) return;
      launched = undefined;
      queuedRunHandler = deferredHandler();
      finished.close();
      if (queue) await DBOS.deleteQueue(queueName).catch(() => {});
      await DBOS.shutdown({ deregister: false });
    },
  };
  launched = { engine, databaseUrl: options.databaseUrl };
  return engine;
}

/** How often the results of queued runs are looked for. */
const FINISHED_POLL_MS = 50;
/** Ids asked about per query. */
const FINISHED_CHUNK = 500;

/**
 * Waits for many runs at once with one query per interval (instead of one per run): the runs
 * that finished are then read one by one.
 */
function finishedRuns(atOutside: <T>(work: () => Promise<T>) => Promise<T>) {
  const waiting = new Map<
    string,
    Array<{ resolve: (value: unknown) => void; reject: (error: unknown) => void }>
  >();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const poll = async () => {
    timer = undefined;
    const ids = [...waiting.keys()];
    try {
      for (let start = 0; start < ids.length; start += FINISHED_CHUNK) {
        const done = await atOutside(() =>
          DBOS.listWorkflows({
            workflowIDs: ids.slice(start, start + FINISHED_CHUNK),
            status: ["SUCCESS", "ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED"],
            loadInput: false,
            loadOutput: false,
          }),
        );
        for (const { workflowID } of done) {
          const waiters = waiting.get(workflowID) ?? [];
          waiting.delete(workflowID);
          const outcome = atOutside(() => DBOS.retrieveWorkflow(workflowID).getResult());
          for (const waiter of waiters) outcome.then(waiter.resolve, waiter.reject);
        }
      }
    } catch (error) {
      for (const waiters of waiting.values()) for (const waiter of waiters) waiter.reject(error);
      waiting.clear();
    }
    schedule();
  };
  const schedule = () => {
    if (!closed && timer === undefined && waiting.size > 0)
      timer = setTimeout(() => void poll(), FINISHED_POLL_MS);
  };
  return {
    wait(id: string): Promise<unknown> {
      return new Promise((resolve, reject) => {
        waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
        schedule();
      });
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function forwardingLogger(onLog: DurableEngineOptions["onLog"]): DLogger {
  const text = (entry: unknown) => (entry instanceof Error ? entry.message : String(entry));
  return {
    info: () => {},
    debug: () => {},
    warn: (entry) => {
      // Several processes polling one queue make DBOS slow its polling down, and say so each time.
      if (!text(entry).startsWith("Increasing polling interval")) onLog?.("warn", text(entry));
    },
    error: (entry) => onLog?.("error", text(entry)),
  };
}
