/**
 * @module What the turn in flight is doing right now, for the progress line: the innermost
 * calls that are running (a worker waiting for or streaming from its model, a tool running or
 * waiting for approval).
 */
import type { UiState } from "./ui-state.js";

/** One thing in progress. */
export interface ActivityItem {
  /** The call ("" before the first call). */
  callId: string;
  /** The call path, e.g. `main > analyzer`. */
  label: string;
  /** E.g. `waiting for the model`. */
  status: string;
  /** Since when (ms since the epoch). */
  since: number;
}

/** The innermost running calls, oldest first; `starting` before the first call. */
export function describeActivity(state: UiState): ActivityItem[] {
  if (!state.turn) return [];
  const active = Object.values(state.calls).filter((call) => call.active);
  const parents = new Set(active.map((call) => call.parentCallId));
  const waiting = new Set(state.approvals.pending.map((item) => item.callId));
  const items = active
    .filter((call) => !parents.has(call.callId))
    .map((call): ActivityItem => {
      const label = call.path.join(" > ");
      const { callId } = call;
      if (waiting.has(call.callId))
        return { callId, label, status: "waiting for approval", since: call.startedAt };
      if (call.kind === "tool") return { callId, label, status: "running", since: call.startedAt };
      const streaming = state.entries.some(
        (entry) => entry.kind === "text" && !entry.done && entry.callId === call.callId,
      );
      return {
        callId,
        label,
        status: streaming ? "responding" : "waiting for the model",
        since: call.lastActivityAt,
      };
    });
  if (items.length > 0 || active.length > 0) return items.sort((a, b) => a.since - b.since);
  const hasStarted = Object.keys(state.calls).length > 0;
  return hasStarted ? [] : [{ callId: "", label: "", status: "starting", since: state.turn.startedAt }];
}
