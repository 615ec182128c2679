/**
 * @module The approval requests waiting for the user, in arrival order, and the batch numbering
 * shown as `Approval i of n`.
 */
import type { ApprovalRequest } from "../approvals/approval-types.js";

/** One request waiting for an answer. */
export interface PendingApproval {
  /** The call being approved. */
  readonly callId: string;
  readonly request: ApprovalRequest;
}

/**
 * The waiting requests (the first is shown) and how many of the current batch were settled.
 * A batch ends when the queue empties; numbering then starts again at 1.
 */
export interface ApprovalQueue {
  readonly pending: readonly PendingApproval[];
  /** Requests of this batch already answered (or settled otherwise). */
  readonly settled: number;
}

/** No requests. */
export const emptyApprovalQueue: ApprovalQueue = { pending: [], settled: 0 };

/** Adds a request at the end. */
export function enqueueApproval(queue: ApprovalQueue, item: PendingApproval): ApprovalQueue {
  if (queue.pending.some((pending) => pending.callId === item.callId)) return queue;
  return { pending: [...queue.pending, item], settled: queue.settled };
}

/**
 * Removes the request of `callId` (answered, decided by the session, or its call ended). Does
 * nothing when it is not waiting, so settling twice is harmless.
 */
export function settleApproval(queue: ApprovalQueue, callId: string): ApprovalQueue {
  const pending = queue.pending.filter((item) => item.callId !== callId);
  if (pending.length === queue.pending.length) return queue;
  return pending.length === 0 ? emptyApprovalQueue : { pending, settled: queue.settled + 1 };
}

/** The request shown and its number in the batch, or undefined when none is waiting. */
export function currentApproval(
  queue: ApprovalQueue,
): { item: PendingApproval; index: number; total: number } | undefined {
  const item = queue.pending[0];
  if (!item) return undefined;
  return { item, index: queue.settled + 1, total: queue.settled + queue.pending.length };
}
