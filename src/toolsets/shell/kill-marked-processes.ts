/**
 * @module Finds the processes an unsandboxed command left behind, even those that left its
 * process group (`setsid`, double forks), by a marker in their environment, and kills them.
 * Linux only: it reads `/proc`. Without a sandbox (which gives each command its own PID
 * namespace) and without cgroups, this is the best llm-do can do: a process that clears its
 * environment (`env -i`) escapes it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

/** The environment variable that marks every process a command starts. */
export const COMMAND_MARKER_VARIABLE = "LLM_DO_COMMAND_ID";

/** Options of {@link killMarkedProcesses}. */
export interface KillMarkedOptions {
  /** Where process information is (default `/proc`; tests pass another). */
  procRoot?: string;
  /** The signal to send (default `SIGKILL`). */
  signal?: NodeJS.Signals;
  /** Sends the signal (default `process.kill`). */
  kill?: (pid: number, signal: NodeJS.Signals) => void;
}

/**
 * Sends `SIGKILL` to every process except this one whose environment holds
 * `LLM_DO_COMMAND_ID=<marker>`, and resolves to their ids.
 *
 * Contract: never rejects; processes it may not read (another user's) or that ended meanwhile
 * are skipped; where `/proc` does not exist it does nothing.
 */
export async function killMarkedProcesses(
  marker: string,
  options: KillMarkedOptions = {},
): Promise<number[]> {
  const procRoot = options.procRoot ?? "/proc";
  const names = await readdir(procRoot).catch(() => [] as string[]);
  const marked = await Promise.all(
    processIds(names).map(async (pid) => {
      const environment = await readFile(`${procRoot}/${pid}/environ`, "latin1").catch(() => "");
      return hasEntry(environment, marker) ? pid : undefined;
    }),
  );
  return signalAll(marked, options);
}

/** {@link killMarkedProcesses}, synchronously, for when the process is exiting. */
export function killMarkedProcessesSync(marker: string, options: KillMarkedOptions = {}): number[] {
  const procRoot = options.procRoot ?? "/proc";
  const names = readOrEmpty(() => readdirSync(procRoot), [] as string[]);
  const marked = processIds(names).map((pid) =>
    hasEntry(
      readOrEmpty(() => readFileSync(`${procRoot}/${pid}/environ`, "latin1"), ""),
      marker,
    )
      ? pid
      : undefined,
  );
  return signalAll(marked, options);
}

function processIds(names: readonly string[]): number[] {
  return names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

function hasEntry(environment: string, marker: string): boolean {
  return environment.split("\0").includes(`${COMMAND_MARKER_VARIABLE}=${marker}`);
}

function signalAll(pids: readonly (number | undefined)[], options: KillMarkedOptions): number[] {
  const kill = options.kill ?? ((pid, signal) => process.kill(pid, signal));
  const killed: number[] = [];
  for (const pid of pids) {
    if (pid === undefined) continue;
    try {
      kill(pid, options.signal ?? "SIGKILL");
      killed.push(pid);
    } catch {
      // Gone already.
    }
  }
  return killed;
}

function readOrEmpty<Value>(read: () => Value, empty: Value): Value {
  try {
    return read();
  } catch {
    return empty;
  }
}
