/**
 * @module The approval-time view of confinement: where a path leads, or why it is refused. The
 * tools themselves act through {@link withEntry}, so a change after this answer cannot lead them
 * out of the base.
 */
import { join } from "node:path";
import { errorCode } from "../../util/error-code.js";
import type { FileOperations } from "./file-operations.js";
import { nodeFileOperations } from "./node-file-operations.js";
import { withEntry } from "./with-entry.js";

export { outsideBaseMessage } from "./with-entry.js";

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
