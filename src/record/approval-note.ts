/**
 * @module The note of an approval decision: a denial's note or the reason a call was blocked.
 */
import type { RunEventOf } from "../events/run-event.js";

/** The note of a decision, if it has one. */
export function approvalNote(decision: RunEventOf<"approval-response">["decision"]): string | undefined {
  if (decision.type === "denied") return decision.note;
  if (decision.type === "blocked") return decision.reason;
  return undefined;
}
