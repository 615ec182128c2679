/**
 * @module What a path that should be a file is instead (a FIFO, a device, a folder), so that
 * reading it can be refused before it hangs or reads forever.
 */
import type { Stats } from "node:fs";

/** `undefined` for a regular file; otherwise what it is, e.g. `a FIFO (named pipe)`. */
export function nonRegularKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
