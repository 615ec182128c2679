import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { TextEventRenderer } from "./text-event-renderer.js";

const usage = (requests: number) => ({
  inputTokens: requests * 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: requests * 5,
  totalTokens: requests * 15,
  requests,
});

/** A run: main delegates to analyzer, which writes a file (approved) and reads one (fails). */
const events: RunEvent[] = [
  { type: "run-start", runId: "r", entry: "main", input: "go", time: "2026-01-01T00:00:00.000Z" },
  {
    type: "call-start",
    callId: "1",
    name: "main",
    kind: "worker",
    path: ["main"],
    depth: 1,
    input: { input: "go" },
    model: "builtin:echo",
  },
  { type: "text-delta", callId: "1", path: ["main"], text: "Let me " },
  { type: "text-delta", callId: "1", path: ["main"], text: "delegate." },
  { type: "text-end", callId: "1", path: ["main"], text: "Let me delegate." },
  {
    type: "model-response",
    callId: "1",
    path: ["main"],
    step: 1,
    model: "builtin:echo",
    usage: usage(1),
    finishReason: "tool-calls",
    cost: { usd: 0.00123 },
  },
  {
    type: "call-start",
    callId: "2",
    parentCallId: "1",
    name: "analyzer",
    kind: "worker",
    path: ["main", "analyzer"],
    depth: 2,
    input: { input: "look" },
    model: "builtin:echo",
  },
  {
    type: "call-start",
    callId: "3",
    parentCallId: "2",
    name: "write_file",
    kind: "tool",
    path: ["main", "analyzer", "write_file"],
    depth: 2,
    input: { path: "a.txt", content: "x".repeat(300) },
  },
  {
    type: "approval-request",
    callId: "3",
    request: {
      toolName: "write_file",
      input: {},
      description: "Write 300 chars to a.txt",
      callPath: ["main", "analyzer", "write_file"],
      depth: 2,
    },
  },
  {
    type: "approval-response",
    callId: "3",
    toolName: "write_file",
    decision: { type: "approved" },
    decidedBy: "policy",
  },
  {
    type: "call-end",
    callId: "3",
    name: "write_file",
    kind: "tool",
    path: ["main", "analyzer", "write_file"],
    outcome: "ok",
    output: "Written 300 characters to a.txt",
    usage: usage(0),
    durationMs: 3,
  },
  {
    type: "call-start",
    callId: "4",
    parentCallId: "2",
    name: "read_file",
    kind: "tool",
    path: ["main", "analyzer", "read_file"],
    depth: 2,
    input: { path: "missing.txt" },
  },
  {
    type: "call-end",
    callId: "4",
    name: "read_file",
    kind: "tool",
    path: ["main", "analyzer", "read_file"],
    outcome: "error",
    error: { name: "ToolExecutionError", code: "TOOL_EXECUTION", message: "File not found: missing.txt" },
    usage: usage(0),
    durationMs: 1,
  },
  { type: "text-delta", callId: "2", path: ["main", "analyzer"], text: "Done\nwith two lines" },
  { type: "text-end", callId: "2", path: ["main", "analyzer"], text: "Done\nwith two lines" },
  {
    type: "call-end",
    callId: "2",
    name: "analyzer",
    kind: "worker",
    path: ["main", "analyzer"],
    outcome: "ok",
    output: "Done\nwith two lines",
    usage: usage(2),
    durationMs: 1500,
  },
  {
    type: "call-end",
    callId: "1",
    name: "main",
    kind: "worker",
    path: ["main"],
    outcome: "ok",
    output: "ok",
    usage: usage(3),
    durationMs: 1700,
  },
  { type: "run-end", runId: "r", outcome: "ok", output: "ok", usage: usage(3), durationMs: 1750 },
];

function renderAll(verbosity: number, list: readonly RunEvent[] = events): string {
  const renderer = new TextEventRenderer({ verbosity });
  return list.map((event) => renderer.render(event)).join("") + renderer.finish();
}

describe("TextEventRenderer", () => {
  test("-v: calls, tool calls with truncated arguments, approvals, results, responses and usage", () => {
    expect(renderAll(1)).toMatchInlineSnapshot(`
      "[main] Start (builtin:echo)
        Input: go
      [main] Response:
        Let me delegate.
      [main] Worker call: analyzer (builtin:echo)
        Input: look
      [main > analyzer] Tool call: write_file
        Args: {"path":"a.txt","content":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...
      [main > analyzer] Approval required: write_file
        Write 300 chars to a.txt
      [main > analyzer] Approved: write_file (by policy)
      [main > analyzer] Tool result: write_file
        Written 300 characters to a.txt
      [main > analyzer] Tool call: read_file
        Args: {"path":"missing.txt"}
      [main > analyzer] Tool error: read_file
        File not found: missing.txt
      [main > analyzer] Response:
        Done
        with two lines
      [main > analyzer] Complete (2 requests, 20 input + 10 output tokens, 1.5s)
      [main] Complete (3 requests, 30 input + 15 output tokens, 1.7s)
      Usage: 3 requests, 30 input + 15 output tokens, ~$0.0012 in 1.8s
      "
    `);
  });

  test("-v: a description of several lines is indented line by line", () => {
    const request: RunEvent = {
      type: "approval-request",
      callId: "9",
      request: {
        toolName: "create_worker",
        input: {},
        description: "Create worker 'x' (x.worker):\n---\nname: x\n---\nHi.",
        callPath: ["main", "create_worker"],
        depth: 1,
      },
    };
    expect(renderAll(1, [request])).toBe(
      "[main] Approval required: create_worker\n  Create worker 'x' (x.worker):\n  ---\n  name: x\n  ---\n  Hi.\n",
    );
  });

  test("-vv: text is streamed after a label, model responses are shown, responses are not repeated", () => {
    expect(renderAll(2)).toMatchInlineSnapshot(`
      "[main] Start (builtin:echo)
        Input: go
      [main] Let me delegate.
      [main] Model response 1 (builtin:echo, tool-calls): 1 request, 10 input + 5 output tokens, ~$0.0012
      [main] Worker call: analyzer (builtin:echo)
        Input: look
      [main > analyzer] Tool call: write_file
        Args: {"path":"a.txt","content":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...
      [main > analyzer] Approval required: write_file
        Write 300 chars to a.txt
      [main > analyzer] Approved: write_file (by policy)
      [main > analyzer] Tool result: write_file
        Written 300 characters to a.txt
      [main > analyzer] Tool call: read_file
        Args: {"path":"missing.txt"}
      [main > analyzer] Tool error: read_file
        File not found: missing.txt
      [main > analyzer] Done
      with two lines
      [main > analyzer] Complete (2 requests, 20 input + 10 output tokens, 1.5s)
      [main] Complete (3 requests, 30 input + 15 output tokens, 1.7s)
      Usage: 3 requests, 30 input + 15 output tokens, ~$0.0012 in 1.8s
      "
    `);
  });

  test("-vv: a line from another call first ends the open streamed line", () => {
    const renderer = new TextEventRenderer({ verbosity: 2 });
    const output = [
      renderer.render({ type: "text-delta", callId: "a", path: ["main", "a"], text: "alpha" }),
      renderer.render({ type: "text-delta", callId: "b", path: ["main", "b"], text: "beta" }),
      renderer.render({ type: "text-delta", callId: "a", path: ["main", "a"], text: " again" }),
      renderer.renderLine("Warning: something"),
      renderer.finish(),
    ].join("");
    expect(output).toBe("[main > a] alpha\n[main > b] beta\n[main > a]  again\nWarning: something\n");
  });

  test("-vv: a model response that arrives mid-stream waits for the streamed line to end", () => {
    const renderer = new TextEventRenderer({ verbosity: 2 });
    const output = [
      renderer.render({ type: "text-delta", callId: "a", path: ["main"], text: "half " }),
      renderer.render({
        type: "model-response",
        callId: "a",
        path: ["main"],
        step: 1,
        model: "builtin:echo",
        usage: usage(1),
        finishReason: "stop",
        cost: { usd: 0.00001 },
      }),
      renderer.render({ type: "text-delta", callId: "a", path: ["main"], text: "done" }),
      renderer.render({ type: "text-end", callId: "a", path: ["main"], text: "half done" }),
    ].join("");
    expect(output).toBe(
      "[main] half done\n[main] Model response 1 (builtin:echo, stop): 1 request, 10 input + 5 output tokens, <$0.0001\n",
    );
  });

  test("denials, blocked calls, aborted and failed calls", () => {
    const start = (callId: string, name: string): RunEvent => ({
      type: "call-start",
      callId,
      name,
      kind: "tool",
      path: ["main", name],
      depth: 1,
      input: {},
    });
    const end = (callId: string, name: string, outcome: "denied" | "blocked" | "aborted", message: string) =>
      ({
        type: "call-end",
        callId,
        name,
        kind: "tool",
        path: ["main", name],
        outcome,
        error: { name: "ApprovalDeniedError", message },
        usage: usage(0),
        durationMs: 0,
      }) satisfies RunEvent;
    const output = renderAll(1, [
      start("1", "write_file"),
      {
        type: "approval-response",
        callId: "1",
        toolName: "write_file",
        decision: { type: "denied", note: "--reject-all" },
        decidedBy: "policy",
      },
      end("1", "write_file", "denied", "Approval denied for write_file: --reject-all"),
      start("2", "shell"),
      {
        type: "approval-response",
        callId: "2",
        toolName: "shell",
        decision: { type: "blocked", reason: "not allowed" },
        decidedBy: "classifier",
      },
      end("2", "shell", "blocked", "Blocked shell: not allowed"),
      start("3", "slow"),
      end("3", "slow", "aborted", "Aborted"),
      {
        type: "call-end",
        callId: "9",
        name: "main",
        kind: "worker",
        path: ["main"],
        outcome: "error",
        error: { name: "ModelCallError", message: "Model API error (status 529): Overloaded" },
        usage: usage(1),
        durationMs: 20,
      },
      { type: "error", path: ["main"], error: { name: "Error", message: "boom" } },
    ]);
    expect(output).toMatchInlineSnapshot(`
      "[main] Tool call: write_file
      [main] Denied: write_file (--reject-all)
      [main] Tool denied: write_file
        Approval denied for write_file: --reject-all
      [main] Tool call: shell
      [main] Tool blocked: shell
        Blocked shell: not allowed
      [main] Tool call: slow
      [main] Tool aborted: slow
      [main] Failed: Model API error (status 529): Overloaded
      [main] Error: boom
      "
    `);
  });

  test("an object result is shown as indented JSON, cut to 10 lines", () => {
    const output = renderAll(1, [
      {
        type: "call-start",
        callId: "1",
        name: "list",
        kind: "tool",
        path: ["main", "list"],
        depth: 1,
        input: {},
      },
      {
        type: "call-end",
        callId: "1",
        name: "list",
        kind: "tool",
        path: ["main", "list"],
        outcome: "ok",
        output: { files: Array.from({ length: 12 }, (_, index) => `f${index}`) },
        usage: usage(0),
        durationMs: 0,
      },
    ]);
    expect(output).toMatchInlineSnapshot(`
      "[main] Tool call: list
      [main] Tool result: list
        {
          "files": [
            "f0",
            "f1",
            "f2",
            "f3",
            "f4",
            "f5",
            "f6",
            "f7",
        ... (6 more lines)
      "
    `);
  });

  test("a code entry starts and completes under its own name", () => {
    const output = renderAll(1, [
      {
        type: "call-start",
        callId: "1",
        name: "build",
        kind: "tool",
        path: ["build"],
        depth: 0,
        input: { input: "x" },
      },
      {
        type: "call-end",
        callId: "1",
        name: "build",
        kind: "tool",
        path: ["build"],
        outcome: "ok",
        output: { done: true },
        usage: usage(0),
        durationMs: 5,
      },
    ]);
    expect(output).toMatchInlineSnapshot(`
      "[build] Start (code entry)
        Input: x
      [build] Complete (0 requests, 0 input + 0 output tokens, 5ms)
        {
          "done": true
        }
      "
    `);
  });

  test("a run warning is one line at every verbosity", () => {
    for (const verbosity of [1, 2]) {
      const renderer = new TextEventRenderer({ verbosity });
      expect(renderer.render({ type: "warning", message: "shell commands run without a sandbox" })).toBe(
        "Warning: shell commands run without a sandbox\n",
      );
    }
  });

  test("retries, discarded output, server-side tools and unpriced models", () => {
    const list: RunEvent[] = [
      {
        type: "model-retry",
        callId: "1",
        path: ["main"],
        model: "anthropic:claude-x",
        attempt: 1,
        maxAttempts: 3,
        delayMs: 2000,
        status: 529,
        reason: "overloaded_error: Overloaded",
        midStream: true,
      },
      {
        type: "model-output-discarded",
        callId: "1",
        path: ["main"],
        step: 1,
        text: "partial",
        reasoning: "",
      },
      {
        type: "server-tool-call",
        callId: "1",
        path: ["main"],
        toolCallId: "s1",
        toolName: "web_search",
        input: { query: "llm-do" },
      },
      {
        type: "server-tool-result",
        callId: "1",
        path: ["main"],
        toolCallId: "s1",
        toolName: "web_search",
        output: [{ title: "llm-do", url: "https://example.com" }],
        isError: false,
      },
      {
        type: "model-response",
        callId: "1",
        path: ["main"],
        step: 1,
        model: "anthropic:claude-x",
        usage: usage(1),
        finishReason: "stop",
        cost: { unpriced: true, model: "claude-x" },
      },
      {
        type: "model-response",
        callId: "1",
        path: ["main"],
        step: 2,
        model: "anthropic:claude-haiku-4-5",
        usage: usage(1),
        finishReason: "stop",
        cost: { usd: 0.5 },
      },
      { type: "run-end", runId: "r", outcome: "ok", output: "ok", usage: usage(2), durationMs: 10 },
    ];
    expect(renderAll(1, list)).toMatchInlineSnapshot(`
      "[main] Retrying anthropic:claude-x in 2.0s (status 529, overloaded_error: Overloaded; attempt 1 of 3 failed)
      [main] Server tool call: web_search
        Args: {"query":"llm-do"}
      [main] Server tool result: web_search
        [
          {
            "title": "llm-do",
            "url": "https://example.com"
          }
        ]
      Usage: 2 requests, 20 input + 10 output tokens, ~$0.50 + unknown cost for claude-x in 10ms
      "
    `);
    expect(renderAll(2, list)).toMatchInlineSnapshot(`
      "[main] Retrying anthropic:claude-x in 2.0s (status 529, overloaded_error: Overloaded; attempt 1 of 3 failed)
      [main] (partial response discarded)
      [main] Server tool call: web_search
        Args: {"query":"llm-do"}
      [main] Server tool result: web_search
        [
          {
            "title": "llm-do",
            "url": "https://example.com"
          }
        ]
      [main] Model response 1 (anthropic:claude-x, stop): 1 request, 10 input + 5 output tokens, unknown cost for claude-x
      [main] Model response 2 (anthropic:claude-haiku-4-5, stop): 1 request, 10 input + 5 output tokens, ~$0.50
      Usage: 2 requests, 20 input + 10 output tokens, ~$0.50 + unknown cost for claude-x in 10ms
      "
    `);
  });
});
