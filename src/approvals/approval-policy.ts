/**
 * @module How calls that need approval are decided: by a person, a function, or a fixed rule.
 */
import type { ApprovalDecision, ApprovalRequest, ApprovalResolver } from "./approval-types.js";

/**
 * - `"approve_all"`: approve every call that needs approval (never a blocked one).
 * - `"reject_all"`: deny them; the model reads the denial and continues.
 * - `"fail"`: the first call that needs approval fails the run (headless default).
 * - `{ prompt }`: ask a person (the TUI, a web app); denials go back to the model.
 * - a function: decide in code; denials go back to the model.
 */
export type ApprovalPolicy =
  | "approve_all"
  | "reject_all"
  | "fail"
  | { prompt: ApprovalResolver }
  | ((request: ApprovalRequest) => ApprovalDecision | Promise<ApprovalDecision>);

/** A policy in the one shape the gate uses. */
export interface NormalizedPolicy {
  decide(request: ApprovalRequest): Promise<ApprovalDecision>;
  decidedBy: "user" | "policy";
  /** True when a denial must end the run instead of reaching the model. */
  failsRun: boolean;
}

/** Normalises a policy once, at run start. */
export function normalizePolicy(policy: ApprovalPolicy): NormalizedPolicy {
  if (policy === "approve_all") {
    return { decide: async () => ({ type: "approved" }), decidedBy: "policy", failsRun: false };
  }
  if (policy === "reject_all") {
    return {
      decide: async () => ({ type: "denied", note: "--reject-all" }),
      decidedBy: "policy",
      failsRun: false,
    };
  }
  if (policy === "fail") {
    return {
      decide: async () => ({ type: "denied", note: "use --approve-all to allow it in headless mode" }),
      decidedBy: "policy",
      failsRun: true,
    };
  }
  if (typeof policy === "function") {
    return { decide: async (request) => policy(request), decidedBy: "policy", failsRun: false };
  }
  return { decide: async (request) => policy.prompt(request), decidedBy: "user", failsRun: false };
}
