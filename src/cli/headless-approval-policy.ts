/**
 * @module How headless and JSON runs decide calls that need approval.
 */
import type { ApprovalPolicy } from "../approvals/approval-policy.js";

/** The approval flags of the command line. */
export type ApprovalFlag = "approve_all" | "reject_all" | undefined;

/**
 * `--approve-all` approves, `--reject-all` denies (the model reads the denial and continues),
 * and without a flag the first call that needs approval fails the run: nobody can be asked.
 */
export function headlessApprovalPolicy(flag: ApprovalFlag): ApprovalPolicy {
  return flag ?? "fail";
}
