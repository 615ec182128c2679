/**
 * @module A realistic event sequence with fixed times, for trace tests: main delegates to an
 * analyzer (which reads a file), then a write is denied, then main answers.
 */
import type { RunEvent, Usage } from "../../src/index.js";
import { TraceBuilder } from "../../src/trace/trace-builder.js";
import type { TraceDocument } from "../../src/trace/trace-document.js";

const usage = (input: number, output: number, requests = 1): Usage => ({
  inputTokens: input,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: output,
  totalTokens: input + output,
  requests,
});
const MODEL = "anthropic:claude-haiku-4-5";
const response = (callId: string, path: string[], step: number, input: number, output: number) =>
  ({
    type: "model-response",
    callId,
    path,
    step,
    model: MODEL,
    usage: usage(input, output),
    finishReason: "tool-calls",
    cost: { usd: (input * 1 + output * 5) / 1_000_000 },
  }) satisfies RunEvent;

/** `[time in ms, event]` pairs. */
export const TRACE_EVENTS: Array<[number, RunEvent]> = [
  [
    0,
    {
      type: "run-start",
      runId: "run-1",
      entry: "main",
      input: "Summarise notes.md",
      time: "2025-01-01T00:00:00.000Z",
    },
  ],
  [
    1,
    {
      type: "call-start",
      callId: "c1",
      name: "main",
      kind: "worker",
      path: ["main"],
      depth: 1,
      input: { input: "Summarise notes.md" },
      model: MODEL,
    },
  ],
  [800, response("c1", ["main"], 1, 1200, 40)],
  [
    801,
    {
      type: "call-start",
      callId: "c2",
      parentCallId: "c1",
      name: "analyzer",
      kind: "worker",
      path: ["main", "analyzer"],
      depth: 2,
      input: { input: "read notes.md" },
      model: MODEL,
      toolCallId: "t1",
    },
  ],
  [1300, response("c2", ["main", "analyzer"], 1, 600, 30)],
  [
    1301,
    {
      type: "call-start",
      callId: "c3",
      parentCallId: "c2",
      name: "read_file",
      kind: "tool",
      path: ["main", "analyzer", "read_file"],
      depth: 2,
      input: { path: "notes.md" },
      toolCallId: "t2",
    },
  ],
  [
    1305,
    {
      type: "call-end",
      callId: "c3",
      name: "read_file",
      kind: "tool",
      path: ["main", "analyzer", "read_file"],
      outcome: "ok",
      output: { content: "Buy milk.\nCall Bob.", truncated: false },
      usage: usage(0, 0, 0),
      durationMs: 4,
    },
  ],
  [1900, { ...response("c2", ["main", "analyzer"], 2, 700, 60), finishReason: "stop" }],
  [
    1901,
    {
      type: "call-end",
      callId: "c2",
      name: "analyzer",
      kind: "worker",
      path: ["main", "analyzer"],
      outcome: "ok",
      output: "Two errands: milk and Bob.",
      usage: usage(1300, 90, 2),
      durationMs: 1100,
    },
  ],
  [2400, response("c1", ["main"], 2, 1300, 50)],
  [
    2401,
    {
      type: "call-start",
      callId: "c4",
      parentCallId: "c1",
      name: "write_file",
      kind: "tool",
      path: ["main", "write_file"],
      depth: 1,
      input: { path: "summary.md", content: "milk, Bob" },
      toolCallId: "t3",
    },
  ],
  [
    2402,
    {
      type: "approval-request",
      callId: "c4",
      request: {
        toolName: "write_file",
        input: { path: "summary.md" },
        description: "Write 9 chars to summary.md",
        callPath: ["main", "write_file"],
        depth: 1,
      },
    },
  ],
  [
    3000,
    {
      type: "approval-response",
      callId: "c4",
      toolName: "write_file",
      decision: { type: "denied", note: "not now" },
      decidedBy: "user",
    },
  ],
  [
    3001,
    {
      type: "call-end",
      callId: "c4",
      name: "write_file",
      kind: "tool",
      path: ["main", "write_file"],
      outcome: "denied",
      error: {
        name: "ApprovalDeniedError",
        code: "APPROVAL_DENIED",
        message: "Approval denied for write_file: not now",
      },
      usage: usage(0, 0, 0),
      durationMs: 600,
    },
  ],
  [3500, { ...response("c1", ["main"], 3, 1400, 20), finishReason: "stop" }],
  [
    3501,
    {
      type: "call-end",
      callId: "c1",
      name: "main",
      kind: "worker",
      path: ["main"],
      outcome: "ok",
      output: "You have two errands: buy milk and call Bob.",
      usage: usage(5200, 200, 5),
      durationMs: 3500,
    },
  ],
  [
    3502,
    {
      type: "run-end",
      runId: "run-1",
      outcome: "ok",
      output: "You have two errands: buy milk and call Bob.",
      usage: usage(5200, 200, 5),
      durationMs: 3502,
    },
  ],
];

/** The trace of {@link TRACE_EVENTS}. */
export function sampleTrace(): TraceDocument {
  const builder = new TraceBuilder();
  for (const [time, event] of TRACE_EVENTS) builder.add(event, 1_000_000 + time);
  return builder.document();
}
