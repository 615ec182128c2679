/**
 * @module The durable store of a command: its Postgres (the user's, or the project's own,
 * started here) with DBOS launched on it, this process's heartbeat (so that its work is taken
 * over if it dies, and it takes over the work of others that died), the queues of provider rate
 * limits, and its orderly close (its unfinished runs handed back, DBOS stopped, then the server,
 * if this was its last user).
 */
import { DurableStateError, errorMessage } from "../errors.js";
import { resolveModel } from "../models/resolve-model.js";
import { ApprovalRequests } from "./approvals/approval-requests.js";
import { type DurableEngine, launchDurableEngine } from "./durable-engine.js";
import { maskPassword } from "./mask-password.js";
import { startProjectPostgres } from "./postgres/start-project-postgres.js";
import { type RateLimits, rateLimitQueue } from "./provider-rate-limits.js";
import {
  type QueuedModelRequests,
  queuedModelRequests,
  serveModelRequests,
} from "./queued-model-requests.js";
import type { DatabaseChoice } from "./resolve-database.js";
import {
  DEFAULT_TAKEOVER_AFTER_MS,
  type RunnerHeartbeats,
  startRunnerHeartbeats,
} from "./runner-heartbeats.js";

/** An open store. */
export interface DurableStore {
  engine: DurableEngine;
  /** The approval requests of durable runs (opened, and its table made, on first use). */
  approvalRequests(): Promise<ApprovalRequests>;
  /** The database's URL (with its password). */
  databaseUrl: string;
  /** Sends the requests of rate-limited providers through their queues. */
  modelRequests: QueuedModelRequests;
  /**
   * Stops taking work, hands this process's unfinished runs back to their queues, stops the
   * engine, then releases the project's Postgres. Contract: never throws.
   */
  close(): Promise<void>;
}

/** Options of {@link openDurableStore}. */
export interface OpenDurableStoreOptions {
  database: DatabaseChoice;
  /** Receives the engine's warnings and errors. */
  onLog?: (level: "warn" | "error", message: string) => void;
  /** Settings for the project's own server (tests). */
  settings?: readonly string[];
  /** Runs expected at the same time. */
  concurrency?: number;
  /** Items queues this process serves, with how many items it runs at once (for every process). */
  itemQueues?: ReadonlyArray<{ name: string; workerConcurrency: number }>;
  /** Provider rate limits in force: their queues are made (or updated) and served here. */
  rateLimits?: RateLimits;
  /** How long a silent process is given before its runs are taken over (default 30 s). */
  takeoverAfterMs?: number;
  /** Told when this process took over the runs of a dead one. */
  onTakeover?: (executorId: string, runs: number) => void;
  /** The environment and folder model requests taken from queues are sent with (keys, base URLs). */
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Opens the store. Contract: throws a ConfigError or DurableStateError saying what to do. */
export async function openDurableStore(options: OpenDurableStoreOptions): Promise<DurableStore> {
  const { database } = options;
  const server =
    database.type === "project"
      ? await startProjectPostgres({
          stateDirectory: database.stateDirectory,
          ...(options.settings ? { settings: options.settings } : {}),
        })
      : undefined;
  const databaseUrl = server ? server.url : (database as { url: string }).url;
  // Connections dropped while the engine and the server stop are expected, not worth a warning.
  let closing = false;
  const onLog = options.onLog;
  let requests: Promise<ApprovalRequests> | undefined;
  const limits = options.rateLimits ?? new Map();
  const models = new Map<string, Promise<Awaited<ReturnType<typeof resolveModel>>>>();
  serveModelRequests(async (modelId) => {
    let resolved = models.get(modelId);
    if (!resolved) {
      resolved = resolveModel(modelId, { env: options.env, cwd: options.cwd });
      models.set(modelId, resolved);
    }
    return (await resolved).model;
  });
  let engine: DurableEngine | undefined;
  let heartbeats: RunnerHeartbeats | undefined;
  try {
    engine = await launchDurableEngine({
      databaseUrl,
      ...(onLog ? { onLog: (level, message) => closing || onLog(level, message) } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      listenQueues: [
        ...(options.itemQueues ?? []).map((queue) => queue.name),
        ...[...limits.keys()].map(rateLimitQueue),
      ],
    });
    const launched = engine;
    for (const queue of options.itemQueues ?? []) {
      await launched.registerQueue(queue.name, { workerConcurrency: queue.workerConcurrency });
    }
    for (const [key, limit] of limits) {
      await launched.registerQueue(rateLimitQueue(key), {
        strict: true,
        ...(limit.concurrency !== undefined ? { concurrency: limit.concurrency } : {}),
        ...(limit.requests !== undefined
          ? { rateLimit: { limitPerPeriod: limit.requests, periodSec: limit.periodSec } }
          : {}),
      });
    }
    heartbeats = await startRunnerHeartbeats({
      databaseUrl,
      executorId: launched.executorId,
      takeoverAfterMs: options.takeoverAfterMs ?? DEFAULT_TAKEOVER_AFTER_MS,
      recover: (ids) => launched.recover(ids),
      ...(options.onTakeover ? { onTakeover: options.onTakeover } : {}),
      onError: (message) => closing || onLog?.("warn", message),
    }).catch((error: unknown) => {
      throw new DurableStateError(
        `cannot use the database ${maskPassword(databaseUrl)}: ${errorMessage(error)}`,
        { cause: error },
      );
    });
    // The work of processes that died before this one started is taken over at once.
    await heartbeats.check();
    const beating = heartbeats;
    return {
      engine: launched,
      databaseUrl,
      modelRequests: queuedModelRequests(launched, limits),
      approvalRequests: () => {
        requests ??= ApprovalRequests.open(databaseUrl);
        return requests;
      },
      close: async () => {
        closing = true;
        await launched.stopListening().catch(() => {});
        await launched.recover([launched.executorId]).catch(() => {});
        await beating.stop();
        await launched.shutdown().catch(() => {});
        await requests?.then((opened) => opened.close()).catch(() => {});
        await server?.release().catch(() => {});
      },
    };
  } catch (error) {
    await heartbeats?.stop();
    await engine?.shutdown().catch(() => {});
    await server?.release().catch(() => {});
    throw error;
  }
}
