/**
 * @module Walks a directory tree for `list_files` without ever leaving the base directory.
 */
import type { Dirent } from "node:fs";
import { join } from "node:path";
import type { CompiledGlob } from "./compile-glob.js";
import type { FileOperations } from "./file-operations.js";
import { isInside } from "./is-inside.js";

/** Options for {@link walkFiles}. */
export interface WalkFilesOptions {
  /** The directory to list: a real path inside `base`. */
  root: string;
  /** The base directory (a real path). */
  base: string;
  /** The pattern file paths (relative to `root`) must match. */
  glob: Extract<CompiledGlob, { type: "glob" }>;
  /** The file system. */
  operations: FileOperations;
  /** Checked before each directory is read. */
  signal?: AbortSignal;
}

/**
 * The `/`-separated paths, relative to `root`, of the regular files matching the pattern, in no
 * particular order. Directories are descended only where the pattern could still match. A
 * symlink is listed when it leads to a regular file inside the base; symlinked directories are
 * never descended (so links cannot lead out of the base or into a cycle). Subdirectories that
 * cannot be read are skipped.
 *
 * Contract: rejects when `root` itself cannot be read, or with the signal's reason when aborted.
 */
export async function walkFiles(options: WalkFilesOptions): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: string, relative: string, entries: Dirent[]): Promise<void> => {
    for (const entry of entries) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const absolute = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!options.glob.mayMatchBelow(path)) continue;
        options.signal?.throwIfAborted();
        const children = await options.operations.readdir(absolute).catch(() => []);
        await visit(absolute, path, children);
      } else if (
        options.glob.matches(path) &&
        (entry.isFile() || (await isLinkToFileInside(absolute, options)))
      ) {
        found.push(path);
      }
    }
  };
  options.signal?.throwIfAborted();
  await visit(options.root, "", await options.operations.readdir(options.root));
  return found;
}

async function isLinkToFileInside(path: string, options: WalkFilesOptions): Promise<boolean> {
  try {
    if (!(await options.operations.lstat(path)).isSymbolicLink()) return false;
    const real = await options.operations.realpath(path);
    return isInside(options.base, real) && (await options.operations.stat(real)).isFile();
  } catch {
    return false;
  }
}
