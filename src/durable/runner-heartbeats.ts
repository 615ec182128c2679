/**
 * @module Takeover of a dead process's work. Open-source DBOS recovers an executor's unfinished
 * workflows only when that same executor id launches again, and every llm-do process has a fresh
 * one; so each durable process beats in a table of llm-do's own, `llm_do.runners`, in the same
 * database, and looks at the others' beats. The unfinished runs of one found dead (silent longer
 * than the takeover time, or a process of this machine that is gone: see `dead-runners.ts`) are
 * put back on their queues by DBOS's recovery of that executor, for any live process to take.
 * A Postgres advisory lock per dead executor keeps two processes from taking over the same one
 * at once (DBOS's recovery, a single UPDATE, would hand each run back once anyway).
 */
import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import pg from "pg";
import { errorMessage } from "../errors.js";
import { deadRunners, isProcessAlive, type RunnerBeat } from "./dead-runners.js";

export { DEFAULT_TAKEOVER_AFTER_MS } from "./dead-runners.js";

/** Options of {@link startRunnerHeartbeats}. */
export interface RunnerHeartbeatsOptions {
  databaseUrl: string;
  /** This process's DBOS executor id. */
  executorId: string;
  takeoverAfterMs: number;
  /** Hands a dead executor's unfinished runs back to the queues; resolves with how many. */
  recover: (executorIds: readonly string[]) => Promise<number>;
  /** Told after each takeover. */
  onTakeover?: (executorId: string, runs: number) => void;
  /** Told when a beat or a takeover fails (the next one tries again). */
  onError?: (message: string) => void;
}

/** Beating heartbeats. */
export interface RunnerHeartbeats {
  /** Looks for dead processes now (also done after every beat). */
  check(): Promise<void>;
  /** Stops beating and removes this process's row. Contract: never throws. */
  stop(): Promise<void>;
}

/** How often a process looks for dead ones. */
const CHECK_INTERVAL_MS = 1000;

/** How often a process beats: a third of the takeover time, between 0.2 and 10 seconds. */
export function beatIntervalMs(takeoverAfterMs: number): number {
  return Math.min(10_000, Math.max(200, Math.floor(takeoverAfterMs / 3)));
}

/** This machine: its host name and, on Linux, its process namespace (containers share names). */
export function machineId(): string {
  let namespace = "";
  try {
    namespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    // Not Linux: the host name alone.
  }
  return namespace ? `${hostname()}/${namespace}` : hostname();
}

/**
 * Creates the table when missing, adds this process's row and starts beating. Contract: throws
 * when the database cannot be used (the caller names it).
 */
export async function startRunnerHeartbeats(options: RunnerHeartbeatsOptions): Promise<RunnerHeartbeats> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on("error", () => {});
  const host = machineId();
  const register = () =>
    pool.query(
      `INSERT INTO llm_do.runners (executor_id, host, pid, started_at, beat_at) VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (executor_id) DO UPDATE SET beat_at = now()`,
      [options.executorId, host, process.pid],
    );
  try {
    await createTable(pool);
    await register();
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  let checking: Promise<void> | undefined;
  let stopped = false;
  const takeOver = async (dead: RunnerBeat & { beatAt: string }) => {
    const client = await pool.connect();
    try {
      const lock = await client.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
        dead.executorId,
      ]);
      if (lock.rows[0]?.locked !== true) return;
      try {
        // Still the beat that was seen dead (it did not beat meanwhile): hand its runs back, then
        // forget it. Recovering first: a takeover cut short is done again by the next check.
        const still = await client.query(
          "SELECT 1 FROM llm_do.runners WHERE executor_id = $1 AND beat_at::text = $2",
          [dead.executorId, dead.beatAt],
        );
        if (still.rowCount === 0) return;
        const runs = await options.recover([dead.executorId]);
        await client.query("DELETE FROM llm_do.runners WHERE executor_id = $1 AND beat_at::text = $2", [
          dead.executorId,
          dead.beatAt,
        ]);
        options.onTakeover?.(dead.executorId, runs);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [dead.executorId]);
      }
    } finally {
      client.release();
    }
  };
  const checkOnce = async () => {
    const { rows } = await pool.query<{
      executor_id: string;
      host: string;
      pid: number;
      silent_ms: number;
      beat_at: string;
    }>(
      `SELECT executor_id, host, pid, beat_at::text AS beat_at,
              (EXTRACT(EPOCH FROM now() - beat_at) * 1000)::float8 AS silent_ms
       FROM llm_do.runners`,
    );
    const beats = rows.map((row) => ({
      executorId: row.executor_id,
      host: row.host,
      pid: row.pid,
      silentMs: row.silent_ms,
      beatAt: row.beat_at,
    }));
    const dead = deadRunners(beats, {
      self: options.executorId,
      host,
      takeoverAfterMs: options.takeoverAfterMs,
      isAlive: isProcessAlive,
    }) as typeof beats;
    for (const beat of dead) await takeOver(beat);
  };
  const check = () => {
    checking ??= checkOnce()
      .catch((error: unknown) => options.onError?.(`taking over dead runners: ${errorMessage(error)}`))
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };
  let lastBeat = Date.now();
  const beat = async () => {
    lastBeat = Date.now();
    try {
      const updated = await pool.query("UPDATE llm_do.runners SET beat_at = now() WHERE executor_id = $1", [
        options.executorId,
      ]);
      if (updated.rowCount === 0) {
        // Taken for dead (silent too long): its runs went to others; it goes on with new ones.
        options.onError?.(
          `this process was silent longer than the takeover time (${options.takeoverAfterMs} ms): its unfinished runs were handed to others`,
        );
        await register();
      }
    } catch (error) {
      options.onError?.(`heartbeat: ${errorMessage(error)}`);
    }
  };
  // Beats at their interval; looks for dead processes every second (a process of this machine
  // that is gone is taken over within a second).
  const every = beatIntervalMs(options.takeoverAfterMs);
  const tick = async () => {
    if (Date.now() - lastBeat >= every) await beat();
    if (!stopped) await check();
  };
  const timer = setInterval(() => void tick(), Math.min(CHECK_INTERVAL_MS, every));
  timer.unref();
  return {
    check,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await checking;
      await pool
        .query("DELETE FROM llm_do.runners WHERE executor_id = $1", [options.executorId])
        .catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}

async function createTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Processes starting together would race on CREATE ... IF NOT EXISTS.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('llm_do.runners'))");
    await client.query("CREATE SCHEMA IF NOT EXISTS llm_do");
    await client.query(
      `CREATE TABLE IF NOT EXISTS llm_do.runners (
         executor_id text PRIMARY KEY,
         host text NOT NULL,
         pid integer NOT NULL,
         started_at timestamptz NOT NULL,
         beat_at timestamptz NOT NULL
       )`,
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
