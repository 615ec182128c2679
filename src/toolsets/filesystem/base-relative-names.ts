/**
 * @module Maps an absolute path to its names below the base directory, as a string computation:
 * what is then opened is decided by the walk from the base (`with-entry.ts`), never by this path.
 */
import { basename, dirname, join, relative, sep } from "node:path";
import { errorCode } from "../../util/error-code.js";
import type { FileOperations } from "./file-operations.js";
import { isInside } from "./is-inside.js";

/**
 * The components of `absolute` below `base` (`[]` for the base itself), or `undefined` when it
 * is outside. `absolute` must be normalised (no `.` or `..`). A path that is not lexically
 * inside may still reach the base by an alias (a symlink above the base): then the real path of
 * its nearest existing ancestor, joined with the missing names, decides.
 *
 * Contract: rejects only on unexpected I/O errors while resolving an alias.
 */
export async function baseRelativeNames(
  base: string,
  absolute: string,
  operations: FileOperations,
): Promise<string[] | undefined> {
  if (isInside(base, absolute)) return namesBelow(base, absolute);
  const real = await realPathOfNearest(absolute, operations);
  return isInside(base, real) ? namesBelow(base, real) : undefined;
}

function namesBelow(base: string, path: string): string[] {
  return relative(base, path)
    .split(sep)
    .filter((name) => name !== "");
}

async function realPathOfNearest(path: string, operations: FileOperations): Promise<string> {
  const missing: string[] = [];
  for (let current = path; ; current = dirname(current)) {
    try {
      return join(await operations.realpath(current), ...missing);
    } catch (error) {
      const code = errorCode(error);
      if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "ELOOP") throw error;
    }
    if (dirname(current) === current) return path;
    missing.unshift(basename(current));
  }
}
