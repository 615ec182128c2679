/**
 * @module The shell commands running in this process, so that none outlives it: when the
 * process exits (normally, through `process.exit`, or a handled SIGTERM), each one's process
 * group and marked processes are killed. Process-wide by nature: the exit is.
 */
import { killMarkedProcessesSync } from "./kill-marked-processes.js";

/** A running command. */
export interface LiveCommand {
  /** The id of its process group (the spawned child's pid). */
  processGroup: number;
  /** Its environment marker, when it runs unsandboxed. */
  marker: string | undefined;
}

const live = new Set<LiveCommand>();
let isHooked = false;

/**
 * Tracks `command` until the returned function is called. The first call installs one
 * `exit` listener on the process.
 */
export function trackLiveCommand(command: LiveCommand): () => void {
  if (!isHooked) {
    process.on("exit", killLiveCommands);
    isHooked = true;
  }
  live.add(command);
  return () => {
    live.delete(command);
  };
}

/**
 * Kills every tracked command's process group and marked processes with SIGKILL, at once.
 * Contract: synchronous and never throws.
 */
export function killLiveCommands(): void {
  for (const command of live) {
    try {
      process.kill(-command.processGroup, "SIGKILL");
    } catch {
      // The group is gone.
    }
    if (command.marker !== undefined) killMarkedProcessesSync(command.marker);
  }
  live.clear();
}
