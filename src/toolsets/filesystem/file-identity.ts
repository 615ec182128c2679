import type { Stats } from "node:fs";

/** The parts of an open file's `fstat` that {@link fileIdentity} reads. */
export type FileIdentityStats = Pick<Stats, "dev" | "ino" | "size" | "mtimeMs" | "ctimeMs">;

/**
 * A key naming one version of one file: its device and inode, with its size and modification and
 * change times. Rewriting the file (in place or by renaming a new file over it) changes the key,
 * so what was learnt about the old version is not reused.
 *
 * Contract: take `stats` from the handle that is read (`fstat`), never from the path, so the key
 * describes the bytes actually read. Like any timestamp check, it cannot see a same-size rewrite
 * within the file system's timestamp resolution; the page reader catches most of those because
 * the bytes no longer match the index.
 */
export function fileIdentity(stats: FileIdentityStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}
