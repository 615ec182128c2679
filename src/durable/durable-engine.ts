/**
 * @module DBOS Transact set up for llm-do: one workflow, `llm-do.run`, whose body is a durable
 * run (a batch item, or a single `--durable` run). A run is found by its workflow id: started when
 * new, resumed when a killed or interrupted process left it unfinished, and answered from its
 * record when it finished. Imported lazily: plain runs never load DBOS.
 *
 * DBOS recovers the workflows of an executor when that executor launches again; llm-do instead
 * gives every process a fresh executor id and resumes the runs it is asked for (onto a queue only
 * this process listens to), so a process never picks up another command's work.
 */
import { AsyncResource } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { DBOS, type DLogger, type WorkflowHandle } from "@dbos-inc/dbos-sdk";
import { DurableStateError, errorMessage, InternalError } from "../errors.js";
import { dbosStepStore } from "./dbos-step-store.js";
import { KeyedSteps } from "./keyed-steps.js";

/** The DBOS application name of llm-do's workflows. */
export const DBOS_APPLICATION = "llm-do";
/**
 * The DBOS application version. DBOS runs a workflow only under the version that started it, so
 * this changes only when the records of a durable run change shape, not with llm-do's version.
 */
export const DURABLE_FORMAT_VERSION = "llm-do-durable-1";

/** What a durable run is, as recorded with its workflow. */
export interface DurableRunArguments {
  /** The batch id, or `run` for a single run. */
  group: string;
  /** The item's key, or the run's id. */
  key: string;
  /** The entry's input. */
  input: unknown;
}

/** The body of a durable run: it gets the run's steps and returns its (JSON) result. */
export type DurableRunBody<Result> = (steps: KeyedSteps) => Promise<Result>;

/** Options of {@link launchDurableEngine}. */
export interface DurableEngineOptions {
  /** The Postgres database DBOS keeps its tables in (created and migrated when missing). */
  databaseUrl: string;
  /** Receives DBOS's warnings and errors; its other logs are dropped. */
  onLog?: (level: "warn" | "error", message: string) => void;
  /** Runs expected at the same time (sizes the connection pool; default 4). */
  concurrency?: number;
}

/** The launched engine. */
export interface DurableEngine {
  /**
   * Runs the durable run `id` to its end and returns its result: starts it when it is new,
   * resumes it when it is unfinished, and returns the recorded result of a finished one. Contract:
   * rejects with a DurableStateError when the database fails, and with what the body threw.
   */
  run<Result>(id: string, args: DurableRunArguments, body: DurableRunBody<Result>): Promise<Result>;
  /**
   * Marks runs of this process as interrupted (DBOS's cancelled), so that they are resumed, not
   * taken as finished, the next time they are run. Call before aborting them.
   */
  interrupt(ids: readonly string[]): Promise<void>;
  /** Deletes a finished run's record, so that the same id starts a new run. */
  forget(id: string): Promise<void>;
  /** Stops the engine (runs still going are left unfinished, to be resumed). */
  shutdown(): Promise<void>;
}

const bodies = new Map<string, DurableRunBody<unknown>>();

const durableRun = DBOS.registerWorkflow(
  async (args: DurableRunArguments): Promise<unknown> => {
    const id = DBOS.workflowID;
    const body = id === undefined ? undefined : bodies.get(id);
    if (id === undefined || !body) {
      throw new InternalError(
        `durable run ${id ?? "(no id)"} (${args.group} ${args.key}) has no body in this process`,
      );
    }
    return body(await KeyedSteps.load(id, dbosStepStore));
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
  const queueName = `${executorId}-resume`;
  DBOS.setConfig({
    name: DBOS_APPLICATION,
    systemDatabaseUrl: options.databaseUrl,
    applicationVersion: DURABLE_FORMAT_VERSION,
    executorID: executorId,
    listenQueues: [queueName],
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
  // Made when a run is first resumed: until then, nothing polls the database for it.
  let queue: Promise<unknown> | undefined;
  const resumeQueue = () => {
    queue ??= DBOS.registerQueue(queueName, { minPollingIntervalMs: 50 });
    return queue;
  };
  const engine: DurableEngine = {
    async run<Result>(id: string, args: DurableRunArguments, body: DurableRunBody<Result>): Promise<Result> {
      bodies.set(id, body as DurableRunBody<unknown>);
      try {
        const status = await DBOS.getWorkflowStatus(id);
        let handle: WorkflowHandle<unknown>;
        if (!status) handle = await DBOS.startWorkflow(durableRun, { workflowID: id })(args);
        else if (status.status === "SUCCESS" || status.status === "ERROR") handle = DBOS.retrieveWorkflow(id);
        else {
          await resumeQueue();
          handle = await DBOS.resumeWorkflow(id, { queueName });
        }
        return (await handle.getResult({ pollingIntervalMs: 50 })) as Result;
      } finally {
        bodies.delete(id);
      }
    },
    async interrupt(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await outside.runInAsyncScope(() => DBOS.cancelWorkflows([...ids]));
    },
    async forget(id: string): Promise<void> {
      await outside.runInAsyncScope(() => DBOS.deleteWorkflow(id));
    },
    async shutdown(): Promise<void> {
      if (launched?.engine !== engine) return;
      launched = undefined;
      if (queue) await DBOS.deleteQueue(queueName).catch(() => {});
      await DBOS.shutdown({ deregister: false });
    },
  };
  launched = { engine, databaseUrl: options.databaseUrl };
  return engine;
}

/** `postgresql://user:secret@host/db` without the secret. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(not a URL)";
  }
}

function forwardingLogger(onLog: DurableEngineOptions["onLog"]): DLogger {
  const text = (entry: unknown) => (entry instanceof Error ? entry.message : String(entry));
  return {
    info: () => {},
    debug: () => {},
    warn: (entry) => onLog?.("warn", text(entry)),
    error: (entry) => onLog?.("error", text(entry)),
  };
}
