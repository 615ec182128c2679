/**
 * @module Which llm-do processes on a database are dead, from their heartbeats: one whose last
 * beat is older than the takeover time, or, at once, one on this machine whose process is gone.
 * Their unfinished runs are then handed to live processes (`runner-heartbeats.ts`).
 */

/** The default takeover time: a process silent this long is taken for dead. */
export const DEFAULT_TAKEOVER_AFTER_MS = 30_000;

/** A process's row in `llm_do.runners`. */
export interface RunnerBeat {
  executorId: string;
  /** The machine (host name and process namespace): pids are compared only on the same one. */
  host: string;
  pid: number;
  /** Milliseconds since its last beat, by the database's clock. */
  silentMs: number;
}

/** What deciding needs besides the rows. */
export interface DeadRunnersContext {
  /** This process's executor id (never dead to itself). */
  self: string;
  /** This machine, as {@link RunnerBeat.host}. */
  host: string;
  /** A process that has not beaten for this long is dead. */
  takeoverAfterMs: number;
  /** True while a process of this machine runs. */
  isAlive: (pid: number) => boolean;
}

/** The rows of dead processes. */
export function deadRunners(beats: readonly RunnerBeat[], context: DeadRunnersContext): RunnerBeat[] {
  return beats.filter(
    (beat) =>
      beat.executorId !== context.self &&
      (beat.silentMs > context.takeoverAfterMs || (beat.host === context.host && !context.isAlive(beat.pid))),
  );
}

/** True while process `pid` of this machine runs (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as { code?: unknown }).code === "EPERM";
  }
}
