import type { ApprovalCheck } from "../../approvals/approval-types.js";
import type { FileOperations } from "./file-operations.js";
import { resolveInside } from "./resolve-inside.js";

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
