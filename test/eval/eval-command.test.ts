import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempProject } from "../../src/testing/index.js";
import { CASES, llmDo, SHOUT_WORKER, TOOLS } from "./eval-cli.js";

describe("llm-do eval: exit codes", () => {
  test("0 when every case passes, with the table on stdout", async () => {
    await using project = await tempProject({ "tools.ts": TOOLS, "cases.yaml": CASES });
    const result = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^case +result +time +tokens +cost +why\nhello +pass +[\d.]+m?s +0 +-\nbye +pass +[\d.]+m?s +0 +-\n\n2 cases against shout \(tool\): 2 passed · [\d.]+m?s · 0 tokens\n$/,
    );
  });

  test("1 when any case fails, with the reason in the table", async () => {
    await using project = await tempProject({
      "tools.ts": TOOLS,
      "cases.yaml": CASES.replace("expected: HELLO!", "expected: Hello!"),
    });
    const result = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /\nhello {2}FAIL .* equals "Hello!": differs at line 1, column 2: got "ELLO!", expected "ello!"\n/,
    );
    expect(result.stdout).toContain("2 cases against shout (tool): 1 passed, 1 failed");
  });

  test.each([
    [["eval", "tools.ts"], "Error: --cases FILE is required (see llm-do eval --help)"],
    [
      ["eval", "--cases", "cases.yaml"],
      "Error: At least one .worker or tool file is required (see llm-do eval --help)",
    ],
    [
      ["eval", "tools.ts", "hello", "--cases", "cases.yaml"],
      "Error: 'hello' is not a .worker or tool file: an eval takes files, and its inputs come from --cases (see llm-do eval --help)",
    ],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--repaet", "3"],
      "Error: unknown option '--repaet' (Did you mean --repeat?) (see llm-do eval --help)",
    ],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--threshold", "80"],
      "Error: option '--threshold <rate>' argument '80' is invalid. expected a pass rate from 0 to 1, e.g. 0.8 (see llm-do eval --help)",
    ],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--repeat", "0"],
      "Error: option '--repeat <n>' argument '0' is invalid. expected a positive integer (see llm-do eval --help)",
    ],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--approve-all", "--reject-all"],
      "Error: Cannot combine --approve-all and --reject-all",
    ],
    [["eval", "tools.ts", "--cases", "missing.yaml"], "Error: File not found: missing.yaml"],
    [["eval", "tools.ts", "nope.worker", "--cases", "cases.yaml"], "Error: File not found: nope.worker"],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--baseline", "shout"],
      "Error: --baseline shout is the target itself: name another worker or tool, or load the other implementation with --baseline-files",
    ],
    [
      ["eval", "tools.ts", "--cases", "cases.yaml", "--baseline-files", "notes.txt"],
      "Error: --baseline-files: 'notes.txt' is not a .worker or tool file",
    ],
    [["eval", "cases-from"], "Error: no recording given (see llm-do eval cases-from --help)"],
    [
      ["eval", "cases-from", "a.replay", "b.replay"],
      "Error: one recording at a time (got a.replay, b.replay) (see llm-do eval cases-from --help)",
    ],
    [["eval", "cases-from", "missing.replay"], "Error: File not found: missing.replay"],
  ])("2 for a usage error: %j", async (argv, message) => {
    await using project = await tempProject({ "tools.ts": TOOLS, "cases.yaml": CASES });
    const result = await llmDo(project.dir, argv);
    expect(result).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  });

  test("2 when nothing names the target", async () => {
    await using project = await tempProject({
      "tools.ts": TOOLS,
      "cases.yaml": CASES.replace("target: shout\n", ""),
    });
    const result = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "Error: no target: pass --target NAME or set 'target:' in cases.yaml\n",
    });
  });

  test("1 for a malformed cases file, naming the line and column, before anything runs", async () => {
    await using project = await tempProject({
      "tools.ts": TOOLS,
      "cases.yaml": CASES.replace("- contains: BYE", "- contians: BYE"),
    });
    const result = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml"]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: cases.yaml:9:9: unknown check 'contians' (did you mean 'contains'?)\n",
    });
  });

  test("1 for an unknown target, listing what exists", async () => {
    await using project = await tempProject({ "tools.ts": TOOLS, "cases.yaml": CASES });
    const result = await llmDo(project.dir, [
      "eval",
      "tools.ts",
      "--cases",
      "cases.yaml",
      "--target",
      "shuot",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "Error: Target 'shuot' not found (did you mean 'shout'?) (available: coin, shout)\n",
    );
  });

  test("--help prints the subcommand's help", async () => {
    await using project = await tempProject();
    const result = await llmDo(project.dir, ["eval", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: llm-do eval FILE\.\.\. --cases CASES \[options\]/);
    expect((await llmDo(project.dir, ["eval", "cases-from", "-h"])).stdout).toMatch(
      /^Usage: llm-do eval cases-from RUN/,
    );
  });

  test("--json: the report on stdout; errors as JSON records on stderr", async () => {
    await using project = await tempProject({ "tools.ts": TOOLS, "cases.yaml": CASES });
    const result = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      format: "llm-do-eval",
      version: 1,
      target: { name: "shout", kind: "tool" },
      pass: true,
    });
    expect(
      report.cases.map((item: { name: string; target: { pass: boolean } }) => [item.name, item.target.pass]),
    ).toEqual([
      ["hello", true],
      ["bye", true],
    ]);
    const failed = await llmDo(project.dir, ["eval", "tools.ts", "--json"]);
    expect(failed.code).toBe(2);
    expect(
      failed.stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).type),
    ).toEqual(["llm-do", "error"]);
  });
});

describe("--repeat and --threshold", () => {
  const COIN = "target: coin\ncases:\n  - name: flip\n    input: go\n    expected: ok\n";

  test.each([
    ["1", 1, "FAIL 2/4"],
    ["0.5", 0, "pass 2/4"],
  ])(
    "4 runs of a case that passes every other time, threshold %s: exit %i",
    async (threshold, code, cell) => {
      await using project = await tempProject({ "tools.ts": TOOLS, "cases.yaml": COIN });
      const result = await llmDo(project.dir, [
        "eval",
        "tools.ts",
        "--cases",
        "cases.yaml",
        "--repeat",
        "4",
        "--threshold",
        threshold,
      ]);
      expect(result.code).toBe(code);
      expect(result.stdout).toContain(`flip  ${cell}`);
      expect(result.stdout).toContain(
        `each case ran 4 times and needs ${Number(threshold) * 100}% of its runs to pass; time, tokens and cost are per run`,
      );
    },
  );
});

describe("--baseline-files: the tool against the worker it was hardened from", () => {
  test("both run the same cases (the worker from a replay); the table shows where they differ", async () => {
    await using project = await tempProject({
      "tools.ts": TOOLS,
      "shout.worker": SHOUT_WORKER,
      "cases.yaml": CASES,
      "cases.replay": `- key: hello > shout#2/1
  response: { text: HELLO!, usage: { input_tokens: 120, output_tokens: 3 } }
- key: bye > shout#2/1
  response: { text: "bye?", usage: { input_tokens: 118, output_tokens: 3 } }
`,
    });
    const result = await llmDo(project.dir, [
      "eval",
      "tools.ts",
      "--cases",
      "cases.yaml",
      "--baseline-files",
      "shout.worker",
      "--model",
      "replay:cases.replay",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^case +shout \(tool\) +time +tokens +cost +baseline: shout \(worker\) +time +tokens +cost +outputs +why$/,
    );
    expect(lines[1]).toMatch(/^hello +pass +[\d.]+m?s +0 +- +pass +[\d.]+m?s +123 +\? +same$/);
    expect(lines[2]).toMatch(
      /^bye +pass +[\d.]+m?s +0 +- +FAIL +[\d.]+m?s +121 +\? +differ +baseline: contains "BYE": "BYE" not found in "bye\?"$/,
    );
    expect(result.stdout).toContain("baseline shout (worker): 1 passed, 1 failed");
    expect(result.stdout).toContain(
      '244 tokens · unknown cost for replay:cases.replay\nthey differ on 1 of 2 cases:\n  bye: "BYE!" (tool) vs "bye?" (worker)\n',
    );
  });
});

describe("approvals and budgets apply in evals", () => {
  const WRITER = `---
name: writer
model: anthropic:claude-haiku-4-5
toolsets:
  filesystem: {}
---
Write the note.
`;
  const SCRIPT = `- key: note > writer/1
  response:
    tool_calls: [{ name: write_file, input: { path: note.txt, content: hi } }]
- key: note > writer/2
  response: { text: written }
`;
  const NOTE_CASES = "target: writer\ncases:\n  - name: note\n    input: Write it.\n    expected: written\n";
  const files = { "writer.worker": WRITER, "cases.yaml": NOTE_CASES, "cases.replay": SCRIPT };
  const argv = ["eval", "writer.worker", "--cases", "cases.yaml", "--model", "replay:cases.replay"];

  test("without --approve-all the write fails its case and nothing is written", async () => {
    await using project = await tempProject(files);
    const result = await llmDo(project.dir, argv);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Approval denied for write_file: use --approve-all to allow it in headless mode",
    );
    expect(existsSync(project.path("note.txt"))).toBe(false);
  });

  test("with --approve-all it is written and the case passes", async () => {
    await using project = await tempProject(files);
    const result = await llmDo(project.dir, [...argv, "--approve-all"]);
    expect(result.code).toBe(0);
    expect(await readFile(project.path("note.txt"), "utf8")).toBe("hi");
  });

  test("--reject-all denies it, the model reads the denial and the case goes on", async () => {
    await using project = await tempProject(files);
    const result = await llmDo(project.dir, [...argv, "--reject-all"]);
    expect(result.code).toBe(0);
    expect(existsSync(project.path("note.txt"))).toBe(false);
  });

  test("--max-calls stops a case that needs more model requests", async () => {
    await using project = await tempProject(files);
    const result = await llmDo(project.dir, [...argv, "--approve-all", "--max-calls", "1"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Budget exceeded: max_calls 1 for the run (--max-calls) would be crossed by writer (step 2)",
    );
    expect(existsSync(project.path("note.txt"))).toBe(true);
  });
});

describe("Ctrl+C", () => {
  test("aborts the case in flight, starts no other, prints Aborted; exit 130", async () => {
    const WAITER = `import { tool, toolset } from "llm-do";
import { z } from "zod";
export const waiting = toolset({
  wait: tool({
    description: "Waits until the run is cancelled.",
    inputSchema: z.object({ input: z.string() }),
    execute: ({ input }, ctx) => {
      (globalThis as { evalStarted?: (input: string) => void }).evalStarted?.(input);
      return new Promise((_resolve, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    },
  }),
});
`;
    await using project = await tempProject({
      "wait.ts": WAITER,
      "cases.yaml":
        "target: wait\ncases:\n  - { name: first, input: one }\n  - { name: second, input: two }\n",
    });
    const started: string[] = [];
    const hook = globalThis as { evalStarted?: (input: string) => void };
    let interrupt: (() => void) | undefined;
    const firstStarted = new Promise<void>((resolve) => {
      hook.evalStarted = (input) => {
        started.push(input);
        resolve();
      };
    });
    try {
      const output = { stdout: "", stderr: "" };
      const done = main(["eval", "wait.ts", "--cases", "cases.yaml"], {
        stdin: Readable.from([]),
        stdout: { write: (text: string) => (output.stdout += text) },
        stderr: { write: (text: string) => (output.stderr += text) },
        env: {},
        cwd: project.dir,
        stdinIsTTY: false,
        stdoutIsTTY: false,
        onSignal: (signal, handler) => {
          if (signal === "SIGINT") interrupt = handler;
          return () => {};
        },
      });
      await firstStarted;
      interrupt!();
      expect(await done).toBe(130);
      expect(output).toEqual({ stdout: "", stderr: "Aborted\n" });
      expect(started).toEqual(["one"]);
    } finally {
      delete hook.evalStarted;
    }
  });
});
