/**
 * @module The data that flows through the approval gate: how a call is classified, what the
 * user or a policy is asked, and what they answer.
 */

/** How the gate classifies one call before it runs. */
export type ApprovalCheck =
  | { type: "blocked"; reason: string }
  | { type: "pre-approved" }
  | { type: "needs-approval"; reason?: string };

/** What a resolver is asked about one call. */
export interface ApprovalRequest {
  /** The tool (or worker) being called. */
  toolName: string;
  /** Its arguments, as the model or code gave them. */
  input: unknown;
  /** A human description, e.g. `Write 120 chars to notes/a.md`. */
  description: string;
  /** Why it needs approval, when the classifier said. */
  reason?: string;
  /** Names from the entry down to this call, e.g. `["main", "analyzer", "shell"]`. */
  callPath: string[];
  /** Worker nesting depth of the caller (the entry worker is 1). */
  depth: number;
}

/** The answer to an approval request. */
export type ApprovalDecision =
  | { type: "approved"; remember?: "once" | "session" }
  | { type: "denied"; note?: string };

/** Who made a decision, for events and traces. */
export type ApprovalDecider = "user" | "policy" | "session" | "classifier";

/** What a person answers: a decision, or `"approve"` / `"reject"`. */
export type ApprovalAnswer = ApprovalDecision | "approve" | "reject";

/** Asks someone (a person in the TUI, a web app, a test) and waits for the answer. */
export type ApprovalResolver = (request: ApprovalRequest) => ApprovalAnswer | Promise<ApprovalAnswer>;
