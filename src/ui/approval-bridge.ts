/**
 * @module The bridge between the run's approval resolver and the user's key presses: the
 * resolver waits, and `answer` (called by the App) lets the oldest waiting request go.
 *
 * Contract: this relies on the approval gate asking one request at a time, in the order of the
 * `approval-request` events; requests settled without the resolver (remembered for the
 * session, or aborted) never reach it. So the request the App shows first is the one waiting.
 */
import type { ApprovalDecision, ApprovalResolver } from "../approvals/approval-types.js";

/** A resolver for `run()` and the App's way to answer it. */
export interface ApprovalBridge {
  /** Pass as `approval: { prompt: bridge.resolver }`. */
  readonly resolver: ApprovalResolver;
  /** Answers the oldest waiting request (or, if none waits yet, the next to arrive). */
  answer(decision: ApprovalDecision): void;
  /** Forgets answers given ahead and lets waiting requests go as denied (between turns). */
  reset(): void;
}

/** Creates a bridge. */
export function createApprovalBridge(): ApprovalBridge {
  const waiting: Array<(decision: ApprovalDecision) => void> = [];
  const ahead: ApprovalDecision[] = [];
  return {
    resolver: () => {
      const early = ahead.shift();
      if (early) return early;
      return new Promise<ApprovalDecision>((resolve) => waiting.push(resolve));
    },
    answer(decision) {
      const resolve = waiting.shift();
      if (resolve) resolve(decision);
      else ahead.push(decision);
    },
    reset() {
      ahead.length = 0;
      for (const resolve of waiting.splice(0)) resolve({ type: "denied", note: "The turn ended" });
    },
  };
}
