import { ToolExecutionError } from "../../errors.js";
import type { FileOperations } from "./file-operations.js";
import { resolveInside } from "./resolve-inside.js";

/** Options for {@link requireInside}. */
export interface RequireInsideOptions {
  /** The tool asking, named in the error. */
  toolName: string;
  /** The base directory (a real path). */
  base: string;
  /** The path as the model gave it. */
  path: string;
  /** The file system. */
  operations: FileOperations;
}

/**
 * {@link resolveInside} for `execute`: the resolved real path, or a `ToolExecutionError` whose
 * message is the refusal the model reads.
 */
export async function requireInside(
  options: RequireInsideOptions,
): Promise<{ path: string; exists: boolean }> {
  const resolved = await resolveInside(options);
  if (resolved.type === "refused") throw new ToolExecutionError(options.toolName, resolved.reason);
  return resolved;
}
