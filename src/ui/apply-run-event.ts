/**
 * @module How one run event changes the TUI state: transcript entries, the calls in flight,
 * the approval queue and the turn's usage. Pure. Unknown event types change nothing.
 */
import { formatCost, formatDuration, formatUsage } from "../cli/format-usage.js";
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import { addCost, emptyCostTotal } from "../models/estimate-cost.js";
import { addUsage, emptyUsage } from "../runtime/usage.js";
import { enqueueApproval, settleApproval } from "./approval-queue.js";
import { describeApproval } from "./describe-approval.js";
import { previewInline } from "./preview-value.js";
import { appendText, closeReasoning, closeTexts, discardOutput, endText } from "./streamed-text.js";
import type { ToolEntry } from "./transcript-entry.js";
import {
  appendEntries,
  closeOpenEntries,
  findOpenEntry,
  needsLabel,
  replaceEntry,
} from "./transcript-updates.js";
import type { CallRecord, UiState } from "./ui-state.js";

/** The state after one run event at time `at`. */
export function applyRunEvent(state: UiState, event: RunEvent, at: number): UiState {
  switch (event.type) {
    case "run-start":
      return state.turn
        ? state
        : { ...state, turn: { startedAt: at, usage: emptyUsage(), cost: emptyCostTotal() } };
    case "call-start":
      return callStart(state, event, at);
    case "call-end":
      return callEnd(state, event, at);
    case "text-delta":
      return appendText(state, event.callId, event.text, false);
    case "reasoning-delta":
      return appendText(state, event.callId, event.text, true);
    case "text-end":
      return endText(state, event);
    case "model-response":
      return modelResponse(state, event, at);
    case "model-retry": {
      const status = event.status === null ? "" : `status ${event.status}, `;
      return notice(
        state,
        "warning",
        `${label(event.path)}: retrying ${event.model} in ${formatDuration(event.delayMs)} (${status}${event.reason}; attempt ${event.attempt} of ${event.maxAttempts} failed)`,
      );
    }
    case "model-output-discarded":
      return discardOutput(state, event);
    case "server-tool-call":
      return serverToolCall(state, event);
    case "server-tool-result":
      return updateTool(state, `server:${event.toolCallId}`, (entry) => ({
        ...entry,
        status: event.isError ? "error" : "ok",
        output: event.output,
        done: true,
      }));
    case "approval-request":
      return updateTool(
        {
          ...state,
          approvals: enqueueApproval(state.approvals, { callId: event.callId, request: event.request }),
        },
        event.callId,
        (entry) => ({ ...entry, status: "awaiting-approval" }),
      );
    case "approval-response":
      return updateTool(
        { ...state, approvals: settleApproval(state.approvals, event.callId) },
        event.callId,
        (entry) => ({
          ...entry,
          status: event.decision.type === "approved" ? "running" : entry.status,
          approval: describeApproval(event.decision, event.decidedBy),
        }),
      );
    case "run-end":
      return runEnd(state, event);
    case "warning":
      return notice(state, "warning", `Warning: ${event.message}`);
    case "replay-drift":
      return notice(state, event.fatal ? "error" : "warning", `Replay drift: ${event.message}`);
    case "error":
      return notice(state, "error", `${event.path ? `${label(event.path)}: ` : ""}${event.error.message}`);
    default:
      return state;
  }
}

function callStart(state: UiState, event: RunEventOf<"call-start">, at: number): UiState {
  const record: CallRecord = {
    callId: event.callId,
    ...(event.parentCallId ? { parentCallId: event.parentCallId } : {}),
    name: event.name,
    kind: event.kind,
    path: event.path,
    depth: event.depth,
    active: true,
    startedAt: at,
    lastActivityAt: at,
  };
  const calls = { ...state.calls, [event.callId]: record };
  const next = closeReasoning({ ...state, calls }, event.parentCallId);
  if (event.kind === "worker") {
    return appendEntries(next, {
      kind: "worker-start",
      path: event.path,
      indent: Math.max(event.depth - 1, 0),
      ownerCallId: event.callId,
      labelled: false,
      ...(event.model ? { model: event.model } : {}),
      ...(event.path.length > 1 ? { inputPreview: previewInline(event.input) } : {}),
      done: true,
    });
  }
  return appendEntries(next, {
    kind: "tool",
    callId: event.callId,
    name: event.name,
    input: event.input,
    server: false,
    status: "running",
    path: event.path,
    indent: event.depth,
    ...(event.parentCallId ? { ownerCallId: event.parentCallId } : {}),
    labelled: event.path.length > 1 && needsLabel(next, event.parentCallId),
    done: false,
  });
}

function callEnd(state: UiState, event: RunEventOf<"call-end">, at: number): UiState {
  const record = state.calls[event.callId];
  let calls = state.calls;
  if (record) {
    calls = { ...calls, [event.callId]: { ...record, active: false } };
    const parent = record.parentCallId ? calls[record.parentCallId] : undefined;
    if (parent) calls = { ...calls, [parent.callId]: { ...parent, lastActivityAt: at } };
  }
  let next = closeTexts(
    { ...state, calls, approvals: settleApproval(state.approvals, event.callId) },
    event.callId,
  );
  if (event.kind === "tool") {
    return updateTool(next, event.callId, (entry) => ({
      ...entry,
      status: event.outcome,
      ...(event.outcome === "ok" ? { output: event.output } : {}),
      ...(event.error ? { error: event.error.message } : {}),
      durationMs: event.durationMs,
      done: true,
    }));
  }
  if (event.path.length <= 1) return next;
  next = appendEntries(next, {
    kind: "worker-end",
    path: event.path,
    indent: Math.max((record?.depth ?? event.path.length) - 1, 0),
    ...(record?.parentCallId ? { ownerCallId: record.parentCallId } : {}),
    labelled: false,
    outcome: event.outcome,
    usage: event.usage,
    durationMs: event.durationMs,
    ...(event.error ? { error: event.error.message } : {}),
    ...(event.outcome === "ok" && event.output !== undefined
      ? { outputPreview: previewInline(event.output) }
      : {}),
    done: true,
  });
  return next;
}

function modelResponse(state: UiState, event: RunEventOf<"model-response">, at: number): UiState {
  const record = state.calls[event.callId];
  const calls = record ? { ...state.calls, [event.callId]: { ...record, lastActivityAt: at } } : state.calls;
  const turn = state.turn && {
    ...state.turn,
    usage: addUsage({ ...state.turn.usage }, event.usage),
    cost: addCost({ ...state.turn.cost, unpricedModels: [...state.turn.cost.unpricedModels] }, event.cost),
  };
  const next = closeReasoning({ ...state, calls, ...(turn ? { turn } : {}) }, event.callId);
  if (next.verbosity < 2) return next;
  return notice(
    next,
    "info",
    `${label(event.path)}: model response ${event.step} (${event.model}, ${event.finishReason}): ${formatUsage(event.usage)}`,
  );
}

function serverToolCall(state: UiState, event: RunEventOf<"server-tool-call">): UiState {
  const record = state.calls[event.callId];
  return appendEntries(state, {
    kind: "tool",
    callId: `server:${event.toolCallId}`,
    name: event.toolName,
    input: event.input,
    server: true,
    status: "running",
    path: [...event.path, event.toolName],
    indent: record?.depth ?? 1,
    ownerCallId: event.callId,
    labelled: event.path.length > 0 && needsLabel(state, event.callId),
    done: false,
  });
}

function runEnd(state: UiState, event: RunEventOf<"run-end">): UiState {
  const cost = state.turn ? formatCost(state.turn.cost) : undefined;
  const closed = closeOpenEntries(state);
  const calls = Object.fromEntries(
    Object.entries(closed.calls).map(([id, record]) => [id, { ...record, active: false }]),
  );
  return appendEntries(
    { ...closed, calls, approvals: settleAll(closed) },
    {
      kind: "summary",
      outcome: event.outcome,
      usage: event.usage,
      durationMs: event.durationMs,
      ...(cost ? { cost } : {}),
      ...(event.error ? { error: event.error.message } : {}),
      done: true,
    },
  );
}

function settleAll(state: UiState): UiState["approvals"] {
  return state.approvals.pending.reduce((queue, item) => settleApproval(queue, item.callId), state.approvals);
}

function updateTool(state: UiState, callId: string, update: (entry: ToolEntry) => ToolEntry): UiState {
  const index = findOpenEntry(state, (entry) => entry.kind === "tool" && entry.callId === callId);
  return index < 0 ? state : replaceEntry(state, index, update(state.entries[index] as ToolEntry));
}

function notice(state: UiState, tone: "info" | "warning" | "error", text: string): UiState {
  return appendEntries(state, { kind: "notice", tone, text, done: true });
}

function label(path: readonly string[]): string {
  return path.join(" > ");
}
