import { ToolExecutionError } from "../../errors.js";
import type { OpenFile } from "./file-operations.js";
import { isInside } from "./is-inside.js";
import { outsideBaseMessage } from "./resolve-inside.js";

/** Options for {@link assertOpenedInside}. */
export interface AssertOpenedInsideOptions {
  /** The tool asking, named in the error. */
  toolName: string;
  /** The base directory (a real path). */
  base: string;
  /** The path as the model gave it, for the message. */
  path: string;
}

/**
 * Checks where an opened descriptor really points, closing the gap between resolving a path and
 * opening it: if a symlink was swapped in meanwhile, the descriptor reveals it.
 *
 * Contract: throws `ToolExecutionError` with the confinement message when the file is outside
 * `base`; the caller still owns (and must close) `file`.
 */
export async function assertOpenedInside(file: OpenFile, options: AssertOpenedInsideOptions): Promise<void> {
  const real = await file.realPath();
  if (!isInside(options.base, real)) {
    throw new ToolExecutionError(options.toolName, outsideBaseMessage(options.path, options.base));
  }
}
