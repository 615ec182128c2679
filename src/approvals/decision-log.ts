/**
 * @module Where a durable run keeps the approval decisions of its calls: a resumed run reads a
 * call's decision back instead of asking again, and, when nobody in the process can decide (a
 * batch or `--durable` run without `--approve-all`/`--reject-all`), waits for a person to decide
 * from elsewhere (`llm-do approvals`). Implemented in `src/durable/approvals/`; the gate only
 * sees this interface.
 */
import type { ApprovalDecider, ApprovalDecision, ApprovalRequest } from "./approval-types.js";

/** Who decided from elsewhere, and when (shown in traces and `llm-do runs show`). */
export interface DecisionSignature {
  /** `--by`, else `user@host` of the command that decided, or `timeout`. */
  by: string;
  /** ISO time of the decision. */
  at: string;
}

/** A decision as the gate reports it. */
export interface GateDecision {
  decision: ApprovalDecision;
  decidedBy: ApprovalDecider;
  /** Present when a person decided through `llm-do approvals`, or a timeout denied the call. */
  signature?: DecisionSignature;
}

/** A durable run's decisions (see the module comment). */
export interface DecisionLog {
  /** The decision recorded for this call by an earlier run of the same durable run. */
  recorded(callId: string): GateDecision | undefined;
  /** Records a decision the gate made (by the session, the policy or a wait). */
  record(callId: string, decided: GateDecision): Promise<void>;
  /**
   * Present when nobody in this process decides: the call waits until a person decides or its
   * timeout denies it. Contract: rejects when the run is cancelled or the store fails.
   */
  wait?: (callId: string, request: ApprovalRequest, signal: AbortSignal) => Promise<GateDecision>;
}
