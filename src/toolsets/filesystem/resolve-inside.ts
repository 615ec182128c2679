/**
 * @module Confinement: maps a path the model gave to a real path inside the base directory, or
 * refuses it. Every filesystem tool goes through here before it touches the disk.
 */
import { basename, dirname, join, resolve } from "node:path";
import { errorCode } from "../../util/error-code.js";
import { type FileOperations, nodeFileOperations } from "./file-operations.js";
import { isInside } from "./is-inside.js";

/** How many symlinks one resolution may follow before it gives up (Linux uses 40 too). */
const maxSymlinkHops = 40;

/** The outcome of {@link resolveInside}: a real path inside the base, or a refusal to show the model. */
export type ResolvedPath =
  | {
      type: "inside";
      /**
       * The real absolute path: every symlink resolved. For a path that does not exist yet, the
       * real path of its nearest existing ancestor joined with the missing names.
       */
      path: string;
      /** Whether something exists at `path`. */
      exists: boolean;
    }
  | { type: "refused"; reason: string };

/** Options for {@link resolveInside}. */
export interface ResolveInsideOptions {
  /** The base directory: absolute and already a real path. */
  base: string;
  /** The path as the model gave it: relative to `base`, or absolute. */
  path: string;
  /** The file system (default: the real one). */
  operations?: FileOperations;
}

/** The refusal for a path that leaves the base directory, worded for the model. */
export function outsideBaseMessage(path: string, base: string): string {
  return `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`;
}

/**
 * Resolves `path` against `base` and refuses it when the result leaves `base`: through `..`, an
 * absolute path elsewhere, a leading `~` (never expanded), or a symlink anywhere along the path
 * (dangling ones included) whose target is outside. Absolute paths inside `base` are accepted.
 *
 * Contract: resolves to `{ type: "refused" }` for every confinement failure; rejects only on
 * unexpected I/O errors (e.g. permission denied while resolving). The answer describes the disk
 * at the moment of the call: callers that then open or rename must check again.
 */
export async function resolveInside(options: ResolveInsideOptions): Promise<ResolvedPath> {
  const { base, path } = options;
  const operations = options.operations ?? nodeFileOperations;
  if (path.includes("\0")) return { type: "refused", reason: `Path '${path}' contains a NUL byte` };
  if (isHomeRelative(path)) return { type: "refused", reason: outsideBaseMessage(path, base) };
  const real = await realPathOfNearest(resolve(base, path), operations, 0);
  if (real === undefined) {
    return {
      type: "refused",
      reason: `Path '${path}' could not be resolved: too many levels of symbolic links`,
    };
  }
  if (!isInside(base, real.path)) return { type: "refused", reason: outsideBaseMessage(path, base) };
  return { type: "inside", ...real };
}

function isHomeRelative(path: string): boolean {
  return /^~[\w.-]*(\/|$)/.test(path);
}

/** Resolves symlinks as far as the path exists; `undefined` after too many symlink hops. */
async function realPathOfNearest(
  target: string,
  operations: FileOperations,
  hops: number,
): Promise<{ path: string; exists: boolean } | undefined> {
  try {
    return { path: await operations.realpath(target), exists: true };
  } catch (error) {
    if (!isUnresolvable(error)) throw error;
  }
  const link = await readSymlink(target, operations);
  if (link !== undefined) {
    if (hops >= maxSymlinkHops) return undefined;
    return realPathOfNearest(resolve(dirname(target), link), operations, hops + 1);
  }
  const parent = dirname(target);
  if (parent === target) return { path: target, exists: false };
  const resolvedParent = await realPathOfNearest(parent, operations, hops);
  if (resolvedParent === undefined) return undefined;
  return { path: join(resolvedParent.path, basename(target)), exists: false };
}

/** The stored target when `path` itself is a symlink (one that `realpath` could not follow). */
async function readSymlink(path: string, operations: FileOperations): Promise<string | undefined> {
  try {
    if (!(await operations.lstat(path)).isSymbolicLink()) return undefined;
    return await operations.readlink(path);
  } catch (error) {
    if (isUnresolvable(error)) return undefined;
    throw error;
  }
}

function isUnresolvable(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP";
}
