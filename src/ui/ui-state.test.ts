import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { emptyUsage } from "../runtime/usage.js";
import { describeActivity } from "./describe-activity.js";
import type { TranscriptEntry } from "./transcript-entry.js";
import { initialUiState, reduceUiState, type UiAction, type UiState } from "./ui-state.js";

const usage = {
  inputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 5,
  totalTokens: 15,
  requests: 1,
};
const request = (callPath: string[]) => ({
  toolName: callPath.at(-1)!,
  input: { path: "a.md" },
  description: "Write 5 chars to a.md",
  callPath,
  depth: 1,
});

/** A turn with these events (or, given a state, more events of its turn). */
function reduce(events: RunEvent[], state?: UiState, at = 1000): UiState {
  const actions: UiAction[] = [
    ...(state ? [] : [{ type: "turn-start", input: "go", at } as const]),
    ...events.map((event): UiAction => ({ type: "run-event", event, at })),
  ];
  return actions.reduce(reduceUiState, state ?? initialUiState({ chat: false }));
}

const start: RunEvent = { type: "run-start", runId: "r", entry: "main", input: "go", time: "" };
const mainStart: RunEvent = {
  type: "call-start",
  callId: "m",
  name: "main",
  kind: "worker",
  path: ["main"],
  depth: 1,
  input: { input: "go" },
  model: "test:model",
};
const toolStart = (callId: string, path = ["main", "write_file"], parentCallId = "m"): RunEvent => ({
  type: "call-start",
  callId,
  parentCallId,
  name: path.at(-1)!,
  kind: "tool",
  path,
  depth: path.length - 1,
  input: { path: "a.md", content: "hello" },
});

function kinds(state: UiState): string[] {
  return state.entries.map((entry) => `${entry.kind}${entry.done ? "" : "*"}`);
}

function last<Kind extends TranscriptEntry["kind"]>(state: UiState, kind: Kind) {
  return state.entries.findLast((entry) => entry.kind === kind) as Extract<TranscriptEntry, { kind: Kind }>;
}

describe("reduceUiState", () => {
  test("streams text per worker, commits finished entries, and ends with a summary", () => {
    const streaming = reduce([
      start,
      mainStart,
      { type: "text-delta", callId: "m", path: ["main"], text: "Hel" },
      { type: "text-delta", callId: "m", path: ["main"], text: "lo" },
    ]);
    expect(kinds(streaming)).toEqual(["user", "worker-start", "text*"]);
    expect(streaming.committed).toBe(2);
    expect(last(streaming, "text")).toMatchObject({ text: "Hello", indent: 1, labelled: false });
    expect(describeActivity(streaming)).toEqual([
      { callId: "m", label: "main", status: "responding", since: 1000 },
    ]);

    const ended = reduce(
      [
        { type: "text-end", callId: "m", path: ["main"], text: "Hello" },
        {
          type: "model-response",
          callId: "m",
          path: ["main"],
          step: 1,
          model: "test:model",
          usage,
          finishReason: "stop",
          cost: { usd: 0.5 },
        },
        {
          type: "call-end",
          callId: "m",
          name: "main",
          kind: "worker",
          path: ["main"],
          outcome: "ok",
          output: "Hello",
          usage,
          durationMs: 40,
        },
        { type: "run-end", runId: "r", outcome: "ok", output: "Hello", usage, durationMs: 50 },
      ],
      streaming,
    );
    expect(kinds(ended)).toEqual(["user", "worker-start", "text", "summary"]);
    expect(ended.committed).toBe(ended.entries.length);
    expect(last(ended, "summary")).toMatchObject({ outcome: "ok", durationMs: 50, cost: "~$0.50" });
  });

  test("finished paragraphs are committed while the answer streams", () => {
    const state = reduce([
      start,
      mainStart,
      { type: "text-delta", callId: "m", path: ["main"], text: "One.\n\nTwo" },
    ]);
    expect(kinds(state)).toEqual(["user", "worker-start", "text", "text*"]);
    expect(state.entries.slice(2).map((entry) => (entry as { text: string }).text)).toEqual(["One.", "Two"]);
    expect(state.committed).toBe(3);
  });

  test("a tool call shows its approval and result; the approval queue follows the events", () => {
    const waiting = reduce([
      start,
      mainStart,
      toolStart("t1"),
      { type: "approval-request", callId: "t1", request: request(["main", "write_file"]) },
    ]);
    expect(last(waiting, "tool")).toMatchObject({ status: "awaiting-approval", done: false, indent: 1 });
    expect(waiting.approvals.pending).toHaveLength(1);
    expect(describeActivity(waiting)).toMatchObject([
      { label: "main > write_file", status: "waiting for approval" },
    ]);

    const done = reduce(
      [
        {
          type: "approval-response",
          callId: "t1",
          toolName: "write_file",
          decision: { type: "approved", remember: "session" },
          decidedBy: "user",
        },
        {
          type: "call-end",
          callId: "t1",
          name: "write_file",
          kind: "tool",
          path: ["main", "write_file"],
          outcome: "ok",
          output: "ok",
          usage: emptyUsage(),
          durationMs: 12,
        },
      ],
      waiting,
    );
    expect(done.approvals.pending).toHaveLength(0);
    expect(last(done, "tool")).toMatchObject({
      status: "ok",
      approval: "approved for this session",
      output: "ok",
      durationMs: 12,
      done: true,
    });
    expect(describeActivity(done)).toMatchObject([{ label: "main", status: "waiting for the model" }]);
  });

  test("a denied call ends in its error; a call ended while queued leaves the queue", () => {
    const state = reduce([
      start,
      mainStart,
      toolStart("t1"),
      toolStart("t2"),
      { type: "approval-request", callId: "t1", request: request(["main", "write_file"]) },
      { type: "approval-request", callId: "t2", request: request(["main", "write_file"]) },
      {
        type: "approval-response",
        callId: "t1",
        toolName: "write_file",
        decision: { type: "denied", note: "no" },
        decidedBy: "user",
      },
      {
        type: "call-end",
        callId: "t1",
        name: "write_file",
        kind: "tool",
        path: ["main", "write_file"],
        outcome: "denied",
        error: { name: "ApprovalDeniedError", message: "Approval denied for write_file: no" },
        usage: emptyUsage(),
        durationMs: 3,
      },
      {
        type: "call-end",
        callId: "t2",
        name: "write_file",
        kind: "tool",
        path: ["main", "write_file"],
        outcome: "aborted",
        error: { name: "AbortError", message: "Aborted" },
        usage: emptyUsage(),
        durationMs: 3,
      },
    ]);
    const [first, second] = state.entries.filter((entry) => entry.kind === "tool");
    expect(first).toMatchObject({
      status: "denied",
      approval: "denied",
      error: "Approval denied for write_file: no",
    });
    expect(second).toMatchObject({ status: "aborted" });
    expect(state.approvals).toEqual({ pending: [], settled: 0 });
  });

  test("nested workers are indented and labelled with their call path", () => {
    const state = reduce([
      start,
      mainStart,
      {
        type: "call-start",
        callId: "a",
        parentCallId: "m",
        name: "analyzer",
        kind: "worker",
        path: ["main", "analyzer"],
        depth: 2,
        input: { input: "look" },
      },
      toolStart("t", ["main", "analyzer", "read_file"], "a"),
      { type: "text-delta", callId: "m", path: ["main"], text: "meanwhile" },
      {
        type: "call-end",
        callId: "t",
        name: "read_file",
        kind: "tool",
        path: ["main", "analyzer", "read_file"],
        outcome: "ok",
        output: "x",
        usage: emptyUsage(),
        durationMs: 1,
      },
      {
        type: "call-end",
        callId: "a",
        name: "analyzer",
        kind: "worker",
        path: ["main", "analyzer"],
        outcome: "ok",
        output: "found it",
        usage,
        durationMs: 9,
      },
    ]);
    expect(
      state.entries.slice(2).map((entry) => ({
        kind: entry.kind,
        ...("indent" in entry ? { indent: entry.indent, labelled: entry.labelled } : {}),
      })),
    ).toEqual([
      { kind: "worker-start", indent: 1, labelled: false },
      { kind: "tool", indent: 2, labelled: false },
      { kind: "text", indent: 1, labelled: true },
      { kind: "worker-end", indent: 1, labelled: false },
    ]);
    expect(last(state, "worker-start")).toMatchObject({ path: ["main", "analyzer"], inputPreview: "look" });
    expect(last(state, "worker-end")).toMatchObject({ outcome: "ok", outputPreview: "found it", usage });
  });

  test("a run warning is a warning notice", () => {
    const after = reduce([start, { type: "warning", message: "shell commands run without a sandbox" }]);
    expect(after.entries.filter((entry) => entry.kind === "notice")).toEqual([
      expect.objectContaining({ tone: "warning", text: "Warning: shell commands run without a sandbox" }),
    ]);
  });

  test("retries and errors are notices; discarded output is removed; unknown events change nothing", () => {
    const before = reduce([
      start,
      mainStart,
      { type: "text-delta", callId: "m", path: ["main"], text: "Partial" },
    ]);
    const after = reduce(
      [
        {
          type: "model-retry",
          callId: "m",
          path: ["main"],
          model: "x:y",
          attempt: 1,
          maxAttempts: 3,
          delayMs: 2000,
          status: 529,
          reason: "overloaded",
          midStream: true,
        },
        {
          type: "model-output-discarded",
          callId: "m",
          path: ["main"],
          step: 1,
          text: "Partial",
          reasoning: "",
        },
        { type: "error", path: ["main"], error: { name: "Error", message: "boom" } },
        { type: "future-event" } as unknown as RunEvent,
      ],
      before,
    );
    expect(
      after.entries
        .filter((entry) => entry.kind === "notice")
        .map((entry) => (entry as { text: string }).text),
    ).toEqual(["main: retrying x:y in 2.0s (status 529, overloaded; attempt 1 of 3 failed)", "main: boom"]);
    expect(after.entries.some((entry) => entry.kind === "text")).toBe(false);
  });

  test("a reported replay drift is a warning notice; a fatal one an error", () => {
    const message =
      "Replay drift at main/2 (call path main, step 2): the request differs from demo.replay:\n  - x";
    const state = reduce([
      start,
      mainStart,
      { type: "replay-drift", key: "main/2", path: ["main"], message, fatal: false },
      { type: "replay-drift", key: "main/3", path: ["main"], message, fatal: true },
    ]);
    expect(
      state.entries
        .filter((entry) => entry.kind === "notice")
        .map((entry) => entry as { tone: string; text: string }),
    ).toEqual([
      expect.objectContaining({ tone: "warning", text: `Replay drift: ${message}` }),
      expect.objectContaining({ tone: "error", text: `Replay drift: ${message}` }),
    ]);
  });

  test("a discarded attempt whose first paragraphs were printed is followed by a notice", () => {
    const text = "Printed paragraph.\n\nstill open";
    const before = reduce([start, mainStart, { type: "text-delta", callId: "m", path: ["main"], text }]);
    const after = reduce(
      [{ type: "model-output-discarded", callId: "m", path: ["main"], step: 1, text, reasoning: "" }],
      before,
    );
    expect(kinds(after)).toEqual(["user", "worker-start", "text", "notice"]);
    expect(last(after, "notice").text).toBe(
      "main: the partial response above was discarded; the retry follows",
    );
  });

  test("chat turns: a separator before the second message, inputs go to the history", () => {
    const first = reduce([start]);
    const ended = reduceUiState(first, { type: "turn-end", at: 2000 });
    expect(ended.turn).toBeUndefined();
    const second = reduceUiState(ended, { type: "turn-start", input: "again", at: 3000 });
    expect(kinds(second)).toEqual(["user", "separator", "user"]);
    expect(second.history.entries).toEqual(["go", "again"]);
    const closing = reduceUiState(
      reduceUiState(second, { type: "turn-end", at: 4000, message: "Conversation runner error: x" }),
      { type: "closing" },
    );
    expect(closing.closing).toBe(true);
    expect(last(closing, "notice")).toMatchObject({ tone: "error", text: "Conversation runner error: x" });
  });
});
