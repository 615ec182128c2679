/**
 * @module Reads `postmaster.pid`, the lock file a running Postgres keeps in its data directory:
 * its process id, port and status (`starting`, `ready`, `stopping`).
 */

/** What `postmaster.pid` says about the server that wrote it. */
export interface PostmasterPid {
  /** The postmaster's process id. */
  pid: number;
  /** The TCP port it listens on. */
  port: number;
  /** `ready` once it accepts connections; `starting`, `stopping` or `standby` otherwise. */
  status: string;
}

/**
 * Parses the text of `postmaster.pid`. Returns undefined for a file that is still being written
 * or is not a postmaster lock file (the server writes it in several steps while it starts).
 */
export function parsePostmasterPid(text: string): PostmasterPid | undefined {
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !Number.isSafeInteger(port) || port <= 0) return undefined;
  return { pid, port, status: (lines[7] ?? "").trim() || "starting" };
}
