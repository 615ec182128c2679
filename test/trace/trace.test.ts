import { readFile } from "node:fs/promises";
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { formatTraceTree } from "../../src/trace/format-trace-tree.js";
import type { TraceDocument } from "../../src/trace/trace-document.js";
import { collectRun } from "../support/collect-run.js";
import { sampleTrace } from "./trace-events.js";

describe("trace tree", () => {
  test("calls nest, with subtree totals, approvals and errors", () => {
    expect(formatTraceTree(sampleTrace())).toMatchInlineSnapshot(`
      "run main ok 3.5s · 5 requests, 5,400 tokens, $0.0062
      └─ main (worker, anthropic:claude-haiku-4-5) ok 3.5s · 5 requests, 5,400 tokens, $0.0062
         │ in: {"input":"Summarise notes.md"}  out: "You have two errands: buy milk and call Bob."
         ├─ analyzer (worker, anthropic:claude-haiku-4-5) ok 1.1s · 2 requests, 1,390 tokens, $0.0018
         │  │ in: {"input":"read notes.md"}  out: "Two errands: milk and Bob."
         │  └─ read_file (tool) ok 4ms
         │       in: {"path":"notes.md"}  out: {"content":"Buy milk.\\nCall Bob.","truncated":false}
         └─ write_file (tool) denied 600ms · denied by user (not now)
              in: {"path":"summary.md","content":"milk, Bob"}  error: Approval denied for write_file: not now
      "
    `);
  });

  test("subtree totals add up from the responses", () => {
    const trace = sampleTrace();
    const main = trace.calls[0]!;
    expect(main.usage).toEqual({
      inputTokens: 5200,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 200,
      totalTokens: 5400,
      requests: 5,
    });
    expect(main.children[0]?.usage.requests).toBe(2);
    expect(trace.cost.usd).toBeCloseTo(0.0062, 10);
    expect(main.children[1]?.approvals).toEqual([
      { decision: "denied", decidedBy: "user", description: "Write 9 chars to summary.md", note: "not now" },
    ]);
  });
});

describe("--trace FILE", () => {
  test("a run writes its trace; llm-do trace prints it", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nDelegate.\n",
      "helper.worker": "---\nname: helper\nmodel: test:helper\n---\nHelp.\n",
    });
    const { result } = await collectRun({
      files: [project.path("main.worker"), project.path("helper.worker")],
      input: "go",
      cwd: project.dir,
      models: {
        "test:main": scriptedModel([toolCall("helper", { input: "x".repeat(5000) }), text("done")]),
        "test:helper": scriptedModel([text("helped")]),
      },
      trace: "run.trace.json",
    });
    expect(result?.output).toBe("done");
    const trace = JSON.parse(await readFile(project.path("run.trace.json"), "utf8")) as TraceDocument;
    expect(trace).toMatchObject({
      format: "llm-do-trace",
      version: 1,
      entry: "main",
      outcome: "ok",
      output: "done",
    });
    const helper = trace.calls[0]?.children[0];
    expect(helper).toMatchObject({
      name: "helper",
      kind: "worker",
      model: "test:helper",
      outcome: "ok",
      output: "helped",
    });
    expect((helper!.input as { input: string }).input).toMatch(/^x{2000}\.\.\. \[truncated, 5000 chars\]$/);
    expect(trace.usage.requests).toBe(3);

    const stdout = new PassThrough();
    let printed = "";
    const io = {
      stdin: new PassThrough(),
      stdout: { write: (chunk: string) => (printed += chunk) },
      stderr: { write: (_chunk: string) => true },
      env: {},
      cwd: project.dir,
      stdinIsTTY: false,
      stdoutIsTTY: false,
    };
    stdout.end();
    expect(await main(["trace", "run.trace.json"], io)).toBe(0);
    expect(printed).toMatch(
      /^run main ok \d+ms · 3 requests, 45 tokens, \$0\.0000 \+ unpriced test:main, test:helper\n└─ main \(worker, test:main\) ok/,
    );
    expect(printed).toContain("└─ helper (worker, test:helper) ok");
  });
});
