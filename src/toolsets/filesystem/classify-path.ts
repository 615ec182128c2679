/**
 * @module The approval-time view of confinement, shared by the three tools: where a path leads,
 * or why it is refused. The tools themselves act through {@link withEntry}, so a change after
 * this answer cannot lead them out of the base.
 */

import { join } from "node:path";
import type { ApprovalCheck } from "../../approvals/approval-types.js";
import { errorCode } from "../../util/error-code.js";
import { type FileOperations, nodeFileOperations } from "./file-operations.js";
import { withEntry } from "./with-entry.js";

/** What each filesystem tool is built from. */
export interface FilesystemToolOptions {
  /** The base directory every path is confined to: absolute and already a real path. */
  base: string;
  /** Whether calls need approval (otherwise they are pre-approved). */
  requireApproval: boolean;
  /** The file system (default: the real one). */
  operations?: FileOperations;
}

/** Options for {@link classifyPath}. */
export interface ClassifyPathOptions {
  /** The base directory (a real path). */
  base: string;
  /** The path as the model gave it. */
  path: string;
  /** Whether a call inside the base needs approval. */
  requireApproval: boolean;
  /** The file system. */
  operations: FileOperations;
}

/**
 * The approval check of a filesystem tool: `blocked` (with the confinement message) for a path
 * outside the base, otherwise `needs-approval` or `pre-approved` as configured.
 *
 * Contract: never rejects. An unexpected I/O error while resolving is left for `execute` to
 * report, so the call is classified as if the path were inside.
 */
export async function classifyPath(options: ClassifyPathOptions): Promise<ApprovalCheck> {
  try {
    const resolved = await resolveInside(options);
    if (resolved.type === "refused") return { type: "blocked", reason: resolved.reason };
  } catch {
    // execute resolves again and reports the error to the model.
  }
  return options.requireApproval ? { type: "needs-approval" } : { type: "pre-approved" };
}

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

/**
 * Resolves `path` by walking from `base` (see {@link withEntry}) without creating anything, and
 * refuses it when it leaves `base`: through `..`, an absolute path elsewhere, a leading `~`
 * (never expanded), or a symlink anywhere along the path (dangling ones included) whose target
 * is outside. Absolute paths inside `base`, also by an alias of it, are accepted.
 *
 * Contract: resolves to `{ type: "refused" }` for every confinement failure; rejects only on
 * unexpected I/O errors (e.g. permission denied while resolving). The answer describes the disk
 * at the moment of the call.
 */
export async function resolveInside(options: ResolveInsideOptions): Promise<ResolvedPath> {
  const operations = options.operations ?? nodeFileOperations;
  const outcome = await withEntry<{ path: string; exists: boolean }>(
    { ...options, operations },
    async (entry) => {
      const path = join(options.base, ...entry.names);
      try {
        if ((await operations.lstat(entry.directory, entry.name)).isSymbolicLink())
          return { type: "symlink" };
        return { type: "done", value: { path, exists: true } };
      } catch (error) {
        if (errorCode(error) === "ENOENT") return { type: "done", value: { path, exists: false } };
        throw error;
      }
    },
  );
  if (outcome.type === "refused") return outcome;
  if (outcome.type === "missing") {
    return { type: "inside", path: join(options.base, ...outcome.names), exists: false };
  }
  return { type: "inside", ...outcome.value };
}
