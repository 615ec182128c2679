/**
 * @module Run events for UI tests, built with few words.
 */
import type { ApprovalRequest } from "../../src/approvals/approval-types.js";
import type { RunEvent } from "../../src/events/run-event.js";
import { emptyUsage } from "../../src/runtime/usage.js";

/** `run-start` of entry `main`. */
export function runStart(): RunEvent {
  return { type: "run-start", runId: "run", entry: "main", input: "go", time: "2026-01-01T00:00:00.000Z" };
}

/** The entry worker `main` starts. */
export function mainStart(): RunEvent {
  return {
    type: "call-start",
    callId: "main-1",
    name: "main",
    kind: "worker",
    path: ["main"],
    depth: 1,
    input: { input: "go" },
    model: "test:model",
  };
}

/** `main` streams text. */
export function textDelta(text: string, callId = "main-1", path = ["main"]): RunEvent {
  return { type: "text-delta", callId, path, text };
}

/** `main` calls a tool. */
export function toolStart(callId: string, name: string, input: unknown): RunEvent {
  return {
    type: "call-start",
    callId,
    parentCallId: "main-1",
    name,
    kind: "tool",
    path: ["main", name],
    depth: 1,
    input,
  };
}

/** A tool call ends, with its output or an error. */
export function toolEnd(
  callId: string,
  name: string,
  result: { output: unknown } | { error: string },
): RunEvent {
  return {
    type: "call-end",
    callId,
    name,
    kind: "tool",
    path: ["main", name],
    ...("output" in result
      ? { outcome: "ok", output: result.output }
      : { outcome: "error", error: { name: "ToolExecutionError", message: result.error } }),
    usage: emptyUsage(),
    durationMs: 42,
  };
}

/** A tool call of `main` asks for approval. */
export function approvalRequest(callId: string, toolName: string, input: unknown): RunEvent {
  const request: ApprovalRequest = {
    toolName,
    input,
    description: `Call ${toolName}`,
    callPath: ["main", toolName],
    depth: 1,
  };
  return { type: "approval-request", callId, request };
}
