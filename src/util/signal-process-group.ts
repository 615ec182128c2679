/**
 * @module Signals a child started with `detached: true` together with everything it started.
 */
import type { ChildProcess } from "node:child_process";

/**
 * Sends `signal` to the process group that `child` leads (it must have been spawned with
 * `detached: true`). Windows has no process groups, so there only the child is signalled.
 *
 * Contract: never throws; a child that never started or a group that is already gone is ignored.
 */
export function signalProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}
