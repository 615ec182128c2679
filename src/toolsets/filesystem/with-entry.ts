/**
 * @module Confinement by construction: every filesystem tool reaches the entry a path names by
 * walking from the base directory one component at a time, through directory handles opened
 * without following symlinks. A symlink on the way is read and its target mapped back below the
 * base (or refused), and the walk starts again from the base. Whatever another process renames
 * or swaps meanwhile, each handle is a directory that was inside the base when it was opened,
 * and every entry is named in one of them, so nothing outside is read, created or listed.
 * Mapping a path to its names below the base is a string computation: what is then opened is
 * decided by the walk, never by the path.
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { errorCode } from "../../util/error-code.js";
import type { Directory, FileOperations } from "./file-operations.js";

/** How many symlinks one resolution may follow before it gives up (Linux uses 40 too). */
const maxSymlinkHops = 40;
/** How often a component that changes between two looks at it is tried again. */
const maxAttempts = 8;

/** The entry a path names: its name in an open directory inside the base. */
export interface Entry {
  /** The directory holding the entry; open for as long as `act` runs. */
  directory: Directory;
  /** The entry's name in `directory`; `.` when the path names the directory itself (the base). */
  name: string;
  /** The entry's path below the base, one name per component (`[]` for the base). */
  names: readonly string[];
}

/** What `act` did with the entry: finished, or found a symlink there, which the walk follows. */
export type EntryStep<T> = { type: "done"; value: T } | { type: "symlink" };

/** The outcome of {@link withEntry}. */
export type EntryOutcome<T> =
  | { type: "done"; value: T }
  | {
      type: "missing";
      /** The whole path below the base, one name per component. */
      names: readonly string[];
      /** The index in `names` of the directory that is missing or is not a directory. */
      at: number;
      /** Whether nothing is there or something that is not a directory. */
      reason: "not-found" | "not-directory";
    }
  | { type: "refused"; reason: string };

/** Options for {@link withEntry}. */
export interface WithEntryOptions {
  /** The base directory: absolute and already a real path. */
  base: string;
  /** The path as the model gave it: relative to `base`, or absolute. */
  path: string;
  /** The file system. */
  operations: FileOperations;
  /** Whether missing directories on the way are created, one level at a time (for writes). */
  createDirectories?: boolean;
}

/** The refusal for a path that leaves the base directory, worded for the model. */
export function outsideBaseMessage(path: string, base: string): string {
  return `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`;
}

/**
 * Opens the directory holding the entry `path` names and calls `act` with it; when `act` says
 * the entry is a symlink, follows it (a target outside the base is refused) and calls `act`
 * again. `..` in the path is resolved by name first, so `a/../b` is `b`; a path that leaves the
 * base by `..`, an absolute path elsewhere, a leading `~` (never expanded) or a symlink pointing
 * outside is refused. Symlinked directories on the way are followed the same way.
 *
 * Contract: `refused` for every confinement failure; `missing` when a directory on the way is
 * not there (without `createDirectories`) or is not a directory; rejects with what `act` threw
 * or on unexpected I/O errors (with code `ECHANGED` when a component keeps changing under it).
 * Every handle it opened is closed when it settles.
 */
export async function withEntry<T>(
  options: WithEntryOptions,
  act: (entry: Entry) => Promise<EntryStep<T>>,
): Promise<EntryOutcome<T>> {
  const { base, path, operations } = options;
  if (path.includes("\0")) return { type: "refused", reason: `Path '${path}' contains a NUL byte` };
  const outside = { type: "refused", reason: outsideBaseMessage(path, base) } as const;
  if (isHomeRelative(path)) return outside;
  let names: readonly string[] | undefined = await baseRelativeNames(base, resolve(base, path), operations);
  for (let hops = 0; names !== undefined; hops++) {
    if (hops > maxSymlinkHops) {
      return {
        type: "refused",
        reason: `Path '${path}' could not be resolved: too many levels of symbolic links`,
      };
    }
    const step = await walk(names, options, act);
    if (step.type !== "symlink") return step;
    names = await followSymlink(names, step, options);
  }
  return outside;
}

function isHomeRelative(path: string): boolean {
  return /^~[\w.-]*(\/|$)/.test(path);
}

/** A symlink met at `names[at]`, with its target (`undefined` when it changed before it was read). */
type SymlinkFound = { type: "symlink"; at: number; target: string | undefined };

async function walk<T>(
  names: readonly string[],
  options: WithEntryOptions,
  act: (entry: Entry) => Promise<EntryStep<T>>,
): Promise<EntryOutcome<T> | SymlinkFound> {
  const { operations } = options;
  let directory = await operations.openBase(options.base);
  try {
    for (const [at, name] of names.slice(0, -1).entries()) {
      const next = await enterDirectory(directory, name, options);
      if (next.type === "symlink") return await symlinkAt(directory, names, at, operations);
      if (next.type !== "directory") return { type: "missing", names, at, reason: next.type };
      const parent = directory;
      directory = next.directory;
      await parent.close();
    }
    const name = names.at(-1) ?? ".";
    const step = await act({ directory, name, names });
    if (step.type === "done") return step;
    return await symlinkAt(directory, names, names.length - 1, operations);
  } finally {
    await directory.close();
  }
}

async function symlinkAt(
  directory: Directory,
  names: readonly string[],
  at: number,
  operations: FileOperations,
): Promise<SymlinkFound> {
  const name = names[at];
  if (name === undefined) return { type: "symlink", at, target: undefined };
  try {
    return { type: "symlink", at, target: await operations.readlink(directory, name) };
  } catch (error) {
    // No longer a symlink (or gone): it changed since it was looked at, so walk again.
    const code = errorCode(error);
    if (code === "EINVAL" || code === "ENOENT") return { type: "symlink", at, target: undefined };
    throw error;
  }
}

/** The names the walk continues with after a symlink: its target, then the rest of the path. */
async function followSymlink(
  names: readonly string[],
  found: SymlinkFound,
  options: WithEntryOptions,
): Promise<readonly string[] | undefined> {
  if (found.target === undefined) return names;
  const parent = join(options.base, ...names.slice(0, found.at));
  const absolute = resolve(parent, found.target, ...names.slice(found.at + 1));
  return baseRelativeNames(options.base, absolute, options.operations);
}

type Entered =
  | { type: "directory"; directory: Directory }
  | { type: "symlink" }
  | { type: "not-found" }
  | { type: "not-directory" };

/** Opens `name` in `parent` as a directory (creating it if asked), or says what is there instead. */
async function enterDirectory(parent: Directory, name: string, options: WithEntryOptions): Promise<Entered> {
  const { operations } = options;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return { type: "directory", directory: await operations.openDirectory(parent, name) };
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT") {
        if (!options.createDirectories) return { type: "not-found" };
        await operations.mkdir(parent, name).catch((mkdirError: unknown) => {
          if (errorCode(mkdirError) !== "EEXIST") throw mkdirError;
        });
        continue;
      }
      if (code !== "ENOTDIR" && code !== "ELOOP" && code !== "EMLINK") throw error;
    }
    const kind = await entryKind(parent, name, operations);
    if (kind === "symlink" || kind === "not-directory") return { type: kind };
    // A directory now, or gone: it changed between the two looks, so look again.
  }
  throw Object.assign(new Error(`${join(parent.path, name)} kept changing while it was opened`), {
    code: "ECHANGED",
  });
}

async function entryKind(
  parent: Directory,
  name: string,
  operations: FileOperations,
): Promise<"symlink" | "directory" | "not-directory" | "gone"> {
  try {
    const stats = await operations.lstat(parent, name);
    if (stats.isSymbolicLink()) return "symlink";
    return stats.isDirectory() ? "directory" : "not-directory";
  } catch (error) {
    if (errorCode(error) === "ENOENT") return "gone";
    throw error;
  }
}

/**
 * The components of `absolute` below `base` (`[]` for the base itself), or `undefined` when it
 * is outside. `absolute` must be normalised (no `.` or `..`). A path that is not lexically
 * inside may still reach the base by an alias (a symlink above the base): then the real path of
 * its nearest existing ancestor, joined with the missing names, decides.
 *
 * Contract: rejects only on unexpected I/O errors while resolving an alias.
 */
async function baseRelativeNames(
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

/**
 * True when `target` is `base` itself or lies beneath it. Both must be absolute and already
 * normalised (real paths); this is a pure string check.
 */
export function isInside(base: string, target: string): boolean {
  const path = relative(base, target);
  if (path === "") return true;
  return path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
