/**
 * @module The durable store of a command: its Postgres (the user's, or the project's own,
 * started here) with DBOS launched on it, and its orderly close (DBOS first, then the server,
 * if this was its last user).
 */
import { ApprovalRequests } from "./approvals/approval-requests.js";
import { type DurableEngine, launchDurableEngine } from "./durable-engine.js";
import { startProjectPostgres } from "./postgres/start-project-postgres.js";
import type { DatabaseChoice } from "./resolve-database.js";

/** An open store. */
export interface DurableStore {
  engine: DurableEngine;
  /** The approval requests of durable runs (opened, and its table made, on first use). */
  approvalRequests(): Promise<ApprovalRequests>;
  /** Stops the engine, then releases the project's Postgres. Contract: never throws. */
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
  // Connections dropped while the engine and the server stop are expected, not worth a warning.
  let closing = false;
  const onLog = options.onLog;
  const databaseUrl = server ? server.url : (database as { url: string }).url;
  let requests: Promise<ApprovalRequests> | undefined;
  try {
    const engine = await launchDurableEngine({
      databaseUrl,
      ...(onLog ? { onLog: (level, message) => closing || onLog(level, message) } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    });
    return {
      engine,
      approvalRequests: () => {
        requests ??= ApprovalRequests.open(databaseUrl);
        return requests;
      },
      close: async () => {
        closing = true;
        await engine.shutdown().catch(() => {});
        await requests?.then((opened) => opened.close()).catch(() => {});
        await server?.release().catch(() => {});
      },
    };
  } catch (error) {
    await server?.release().catch(() => {});
    throw error;
  }
}
