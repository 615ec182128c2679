/**
 * @module Classifies one call as blocked, pre-approved or needing approval, from the tool's own
 * `needsApproval`, the calling worker's `_approval_config`, and the callee's kind.
 */
import type { Tool } from "../tools/tool.js";
import type { ToolApprovalOverride } from "../worker/worker-definition.js";
import type { ApprovalCheck } from "./approval-types.js";
import { toApprovalCheck } from "./to-approval-check.js";

/** What the classifier needs to know about the callee. */
export interface ClassifyTarget {
  /** The name called, for messages. */
  name: string;
  kind: "worker" | "tool";
  /** The tool (absent for workers). */
  tool?: Pick<Tool, "needsApproval">;
  /** The calling worker's override for this name. */
  override?: ToolApprovalOverride;
}

/**
 * Classifies a call. Order: the tool's own check (which alone can block), then the worker's
 * override (`approval_required` wins over `pre_approved`). Workers and tools that declare
 * nothing are pre-approved: code is trusted, delegation is free unless configured.
 *
 * Contract: throws ConfigError when `needsApproval` is or returns something that is not a check.
 */
export async function classifyCall(target: ClassifyTarget, input: unknown): Promise<ApprovalCheck> {
  const declared = target.tool?.needsApproval;
  const own: ApprovalCheck =
    declared === undefined
      ? { type: "pre-approved" }
      : toApprovalCheck(
          typeof declared === "function" ? await declared(input as never) : declared,
          target.name,
        );
  if (own.type === "blocked") return own;
  if (target.override?.approval_required) {
    return {
      type: "needs-approval",
      reason: own.type === "needs-approval" ? own.reason : "required by the worker's _approval_config",
    };
  }
  if (target.override?.pre_approved) return { type: "pre-approved" };
  return own;
}
