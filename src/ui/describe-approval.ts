/**
 * @module How an approval decision reads in the transcript, e.g. `approved for this session`.
 */
import type { ApprovalDecider, ApprovalDecision } from "../approvals/approval-types.js";

/** A short phrase for a decision and who made it. */
export function describeApproval(
  decision: ApprovalDecision | { type: "blocked"; reason: string },
  decidedBy: ApprovalDecider,
): string {
  switch (decision.type) {
    case "blocked":
      return "blocked";
    case "denied":
      return decidedBy === "user" ? "denied" : `denied (${decidedBy})`;
    case "approved":
      if (decidedBy === "session") return "approved (remembered for this session)";
      if (decidedBy !== "user") return `approved (${decidedBy})`;
      return decision.remember === "session" ? "approved for this session" : "approved once";
  }
}
