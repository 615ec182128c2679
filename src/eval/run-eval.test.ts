import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadProject, type Project } from "../registry/load-project.js";
import { scriptedModel, type TempProject, tempProject, text, toolCall } from "../testing/index.js";
import type { EvalCase } from "./eval-case.js";
import { loadCasesFile } from "./load-cases-file.js";
import { type EvalOptions, runEval } from "./run-eval.js";

const ECHO_TOOL = `import { tool, toolset } from "llm-do";
import { z } from "zod";
export const text_tools = toolset({
  shout: tool({
    description: "Upper-cases its input.",
    inputSchema: z.object({ input: z.string() }),
    execute: ({ input }) => input.toUpperCase() + "!",
  }),
});
`;
const SHOUT_WORKER = "---\nname: shout\nmodel: test:shout\n---\nShout the input back.\n";
const GRADER = `---
name: grader
model: test:grader
schema_out:
  type: object
  properties: { pass: { type: boolean }, reason: { type: string } }
  required: [pass, reason]
---
Grade the output.
`;

async function casesIn(project: TempProject, yaml: string): Promise<EvalCase[]> {
  await project.write("cases.yaml", yaml);
  return (await loadCasesFile("cases.yaml", { cwd: project.dir })).cases;
}

const load = (project: TempProject, files: string[]): Promise<Project> =>
  loadProject({ files: files.map(project.path), cwd: project.dir });

function options(
  project: TempProject,
  overrides: Partial<EvalOptions> & Pick<EvalOptions, "cases" | "target">,
) {
  return {
    settings: { approval: "fail" as const, cwd: project.dir, env: {} },
    ...overrides,
  } satisfies EvalOptions;
}

const TWO_CASES = `cases:
  - name: hello
    input: hello
    expected: HELLO!
  - name: bye
    input: bye
    checks:
      - contains: BYE
      - matches: "!$"
`;

describe("runEval", () => {
  test("runs every case against a tool, checks the outputs, and passes when all pass", async () => {
    await using project = await tempProject({ "tools.ts": ECHO_TOOL });
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["tools.ts"]) },
      }),
    );
    expect(report.target).toEqual({ name: "shout", kind: "tool" });
    expect(report.pass).toBe(true);
    expect(report.cases.map((item) => [item.name, item.target.pass, item.target.runs[0]!.outcome])).toEqual([
      ["hello", true, { type: "ok", output: "HELLO!" }],
      ["bye", true, { type: "ok", output: "BYE!" }],
    ]);
    expect(report.cases[1]!.target.runs[0]!.checks).toEqual([
      { label: 'contains "BYE"', pass: true, reason: "found" },
      { label: "matches /!$/", pass: true, reason: 'matched "!"' },
    ]);
    expect(report.cases[0]!.target.totals.usage.requests).toBe(0);
  });

  test("a worker target: a failing check fails its case and the eval; usage and cost are reported", async () => {
    await using project = await tempProject({ "shout.worker": SHOUT_WORKER });
    const model = scriptedModel([
      text("HELLO!", { inputTokens: 100, outputTokens: 5 }),
      text("bye?", { inputTokens: 90, outputTokens: 4 }),
    ]);
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["shout.worker"]) },
        settings: { approval: "fail", cwd: project.dir, env: {}, models: { "test:shout": model } },
      }),
    );
    expect(report.target).toEqual({ name: "shout", kind: "worker" });
    expect(report.pass).toBe(false);
    const [hello, bye] = report.cases;
    expect(hello!.target.pass).toBe(true);
    expect(hello!.target.totals.usage).toMatchObject({ inputTokens: 100, outputTokens: 5, requests: 1 });
    expect(hello!.target.totals.cost).toEqual({ usd: 0, unpricedModels: ["test:shout"] });
    expect(bye!.target.pass).toBe(false);
    expect(bye!.target.runs[0]!.reason).toBe('contains "BYE": "BYE" not found in "bye?"');
    expect(bye!.target.runs[0]!.checks.map((check) => check.pass)).toEqual([false, false]);
    model.assertComplete();
  });

  test("a run that fails is a failed case with the error as the reason, and the eval goes on", async () => {
    await using project = await tempProject({ "shout.worker": SHOUT_WORKER });
    const model = scriptedModel([{ error: new Error("overloaded") }, text("BYE!")]);
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["shout.worker"]) },
        settings: {
          approval: "fail",
          cwd: project.dir,
          env: {},
          models: { "test:shout": model },
        },
      }),
    );
    expect(report.cases[0]!.target.runs[0]!.outcome.type).toBe("error");
    expect(report.cases[0]!.target.runs[0]!.reason).toContain("overloaded");
    expect(report.cases[0]!.target.runs[0]!.checks).toEqual([]);
    expect(report.cases[1]!.target.pass).toBe(true);
  });

  test("fails before running anything when the target does not exist", async () => {
    await using project = await tempProject({ "tools.ts": ECHO_TOOL });
    await expect(
      runEval(
        options(project, {
          cases: await casesIn(project, TWO_CASES),
          target: { name: "shuot", project: await load(project, ["tools.ts"]) },
        }),
      ),
    ).rejects.toThrow("Target 'shuot' not found (did you mean 'shout'?) (available: shout)");
  });
});

describe("--repeat and the pass-rate threshold", () => {
  const FLAKY = "cases:\n  - name: flaky\n    input: hello\n    expected: HELLO!\n";
  const answers = () => scriptedModel([text("HELLO!"), text("hello"), text("HELLO!")]);

  test.each([
    [1, false],
    [0.67, false],
    [0.6, true],
    [0.5, true],
  ])("2 passes of 3 against threshold %d: pass %s", async (threshold, pass) => {
    await using project = await tempProject({ "shout.worker": SHOUT_WORKER });
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, FLAKY),
        target: { name: "shout", project: await load(project, ["shout.worker"]) },
        repeat: 3,
        threshold,
        settings: { approval: "fail", cwd: project.dir, env: {}, models: { "test:shout": answers() } },
      }),
    );
    const [flaky] = report.cases;
    expect(flaky!.target.runs.map((run) => run.pass)).toEqual([true, false, true]);
    expect(flaky!.target.passes).toBe(2);
    expect(flaky!.target.passRate).toBeCloseTo(2 / 3);
    expect(flaky!.target.pass).toBe(pass);
    expect(report.pass).toBe(pass);
    expect(report.repeat).toBe(3);
    expect(report.threshold).toBe(threshold);
  });
});

describe("--baseline", () => {
  test("runs the same cases against a worker and the tool hardened from it, and marks where they differ", async () => {
    await using project = await tempProject({ "tools.ts": ECHO_TOOL, "shout.worker": SHOUT_WORKER });
    const model = scriptedModel([text("HELLO!"), text("Bye!")]);
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["tools.ts"]) },
        baseline: { name: "shout", project: await load(project, ["shout.worker"]) },
        settings: { approval: "fail", cwd: project.dir, env: {}, models: { "test:shout": model } },
      }),
    );
    expect(report.baseline).toEqual({ name: "shout", kind: "worker" });
    expect(
      report.cases.map((item) => [item.name, item.target.pass, item.baseline?.pass, item.differs]),
    ).toEqual([
      ["hello", true, true, false],
      ["bye", true, false, true],
    ]);
    expect(report.cases[1]!.baseline!.totals.usage.requests).toBe(1);
    expect(report.pass).toBe(true);
  });
});

describe("judges", () => {
  const JUDGED = `cases:
  - name: hello
    input: hello
    checks:
      - judge: grader
        criteria: It shouts.
`;

  test("a judge worker decides with { pass, reason }; its usage is counted apart", async () => {
    await using project = await tempProject({ "tools.ts": ECHO_TOOL, "grader.worker": GRADER });
    const grader = scriptedModel([
      text('{"pass":false,"reason":"it shouts, but too little"}', { inputTokens: 50, outputTokens: 9 }),
    ]);
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, JUDGED),
        target: { name: "shout", project: await load(project, ["tools.ts", "grader.worker"]) },
        settings: { approval: "fail", cwd: project.dir, env: {}, models: { "test:grader": grader } },
      }),
    );
    expect(report.cases[0]!.target.runs[0]!.checks).toEqual([
      { label: "judge grader", pass: false, reason: "it shouts, but too little" },
    ]);
    expect(report.judges.usage).toMatchObject({ inputTokens: 50, outputTokens: 9, requests: 1 });
    expect(report.cases[0]!.target.totals.usage.requests).toBe(0);
    const prompt = JSON.stringify(grader.calls[0]!.prompt);
    expect(prompt).toContain("Criteria: It shouts.");
    expect(prompt).toContain("Output:\\nHELLO!");
  });

  test.each([
    [
      "grader.worker",
      "---\nname: grader\nmodel: test:grader\n---\nGrade.\n",
      /^cases\.yaml:2:5: judge 'grader' \(.*grader\.worker\) has no schema_out: a judge returns \{ pass: boolean, reason: string \}$/,
    ],
    [
      "other.worker",
      "---\nname: other\nmodel: test:grader\n---\nOther.\n",
      /^cases\.yaml:2:5: judge 'grader' is not a worker of this eval \(workers: other\); add its \.worker file$/,
    ],
  ])("a judge that cannot judge is refused before anything runs (%s)", async (file, content, message) => {
    await using project = await tempProject({ "tools.ts": ECHO_TOOL, [file]: content });
    const cases = await casesIn(project, JUDGED);
    const target = { name: "shout", project: await load(project, ["tools.ts", file]) };
    await expect(runEval(options(project, { cases, target }))).rejects.toThrow(message);
  });
});

describe("predicates", () => {
  test("a predicate from a TypeScript file, relative to the cases file, decides", async () => {
    await using project = await tempProject({
      "tools.ts": ECHO_TOOL,
      "evals/checks.ts":
        "export function endsLoudly(output: string, context: { caseName: string }) {\n  return output.endsWith('!') ? true : { pass: false, reason: context.caseName + ' is quiet' };\n}\n",
    });
    await project.write(
      "evals/cases.yaml",
      "cases:\n  - name: hello\n    input: hello\n    checks:\n      - predicate: ./checks.ts#endsLoudly\n",
    );
    const { cases } = await loadCasesFile("evals/cases.yaml", { cwd: project.dir });
    const report = await runEval(
      options(project, { cases, target: { name: "shout", project: await load(project, ["tools.ts"]) } }),
    );
    expect(report.cases[0]!.target.runs[0]!.checks).toEqual([
      { label: "predicate ./checks.ts#endsLoudly", pass: true, reason: "returned true" },
    ]);
  });

  test.each([
    [
      "./checks.ts#missing",
      "cases.yaml:4:9: ./checks.ts has no export 'missing' (functions it exports: endsLoudly)",
    ],
    [
      "./checks.ts#LIMIT",
      "cases.yaml:4:9: ./checks.ts does not export a function named 'LIMIT' (functions it exports: endsLoudly)",
    ],
    ["./nope.ts#x", "cases.yaml:4:9: Tool file not found: "],
  ])("a predicate that does not load is an error at its line (%s)", async (reference, message) => {
    await using project = await tempProject({
      "checks.ts": "export const LIMIT = 3;\nexport function endsLoudly() { return true; }\n",
    });
    await project.write("cases.yaml", `cases:\n  - input: x\n    checks:\n      - predicate: ${reference}\n`);
    await expect(loadCasesFile("cases.yaml", { cwd: project.dir })).rejects.toThrow(message);
  });
});

describe("approvals, budgets and the sandbox apply as in runs", () => {
  const WRITER = `---
name: writer
model: test:writer
toolsets:
  filesystem: {}
  shell:
    rules:
      - { pattern: "echo", approval_required: false }
---
Write what you are asked to.
`;
  const ONE = "cases:\n  - name: write\n    input: Write notes.txt\n";
  const writes = (target: string) => [
    toolCall("write_file", { path: target, content: "hello" }),
    text("done"),
  ];

  async function evalWriter(
    project: TempProject,
    steps: Parameters<typeof scriptedModel>[0],
    overrides: Partial<EvalOptions["settings"]> = {},
  ) {
    const model = scriptedModel(steps);
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, ONE),
        target: { name: "writer", project: await load(project, ["writer.worker"]) },
        settings: {
          approval: "fail",
          cwd: project.dir,
          env: {},
          models: { "test:writer": model },
          ...overrides,
        },
      }),
    );
    return { report, run: report.cases[0]!.target.runs[0]!, model };
  }

  test("without --approve-all a write that needs approval fails the case, and nothing is written", async () => {
    await using project = await tempProject({ "writer.worker": WRITER });
    const { run } = await evalWriter(project, writes("notes.txt"));
    expect(run.pass).toBe(false);
    expect(run.reason).toBe("Approval denied for write_file: use --approve-all to allow it in headless mode");
    expect(existsSync(project.path("notes.txt"))).toBe(false);
  });

  test("with approve_all the write happens", async () => {
    await using project = await tempProject({ "writer.worker": WRITER });
    const { run } = await evalWriter(project, writes("notes.txt"), { approval: "approve_all" });
    expect(run.pass).toBe(true);
    expect(await readFile(project.path("notes.txt"), "utf8")).toBe("hello");
  });

  test("a write outside the base directory is blocked even with approve_all", async () => {
    await using outside = await tempProject();
    await using project = await tempProject({ "writer.worker": WRITER });
    const target = path.join(outside.dir, "escaped.txt");
    const { run, model } = await evalWriter(project, writes(target), { approval: "approve_all" });
    expect(run.outcome).toEqual({ type: "ok", output: "done" });
    expect(existsSync(target)).toBe(false);
    expect(JSON.stringify(model.calls[1]!.prompt)).toContain("outside");
  });

  test("a command no shell rule allows is blocked even with approve_all", async () => {
    await using project = await tempProject({ "writer.worker": WRITER });
    const { run, model } = await evalWriter(
      project,
      [toolCall("shell", { command: "touch made-by-shell.txt" }), text("done")],
      { approval: "approve_all" },
    );
    expect(run.outcome.type).toBe("ok");
    expect(existsSync(project.path("made-by-shell.txt"))).toBe(false);
    expect(JSON.stringify(model.calls[1]!.prompt)).toMatch(/blocked|not allowed/i);
  });

  test("a budget stops the case that crosses it", async () => {
    await using project = await tempProject({ "writer.worker": WRITER });
    const { run } = await evalWriter(project, writes("notes.txt"), {
      approval: "approve_all",
      budget: { maxCalls: 1 },
    });
    expect(run.pass).toBe(false);
    expect(run.reason).toMatch(/^Budget exceeded: max_calls 1 for the run/);
    expect(existsSync(project.path("notes.txt"))).toBe(true);
  });
});

describe("--model replay:FILE", () => {
  test("one replay file serves every case, each from the part keyed under its name", async () => {
    await using project = await tempProject({
      "shout.worker": SHOUT_WORKER,
      "cases.replay": `- key: hello > shout/1
  response: { text: HELLO!, usage: { input_tokens: 20, output_tokens: 2 } }
- key: bye > shout/1
  response: { text: BYE! }
`,
    });
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["shout.worker"]) },
        model: "replay:cases.replay",
      }),
    );
    expect(report.pass).toBe(true);
    expect(report.cases.map((item) => item.target.runs[0]!.outcome)).toEqual([
      { type: "ok", output: "HELLO!" },
      { type: "ok", output: "BYE!" },
    ]);
    expect(report.cases[0]!.target.totals.usage).toMatchObject({ inputTokens: 20, outputTokens: 2 });
  });

  test("a case whose part is missing fails with the drift, and the others still run", async () => {
    await using project = await tempProject({
      "shout.worker": SHOUT_WORKER,
      "cases.replay": "- key: bye > shout/1\n  response: { text: BYE! }\n",
    });
    const report = await runEval(
      options(project, {
        cases: await casesIn(project, TWO_CASES),
        target: { name: "shout", project: await load(project, ["shout.worker"]) },
        model: "replay:cases.replay",
      }),
    );
    expect(report.cases[0]!.target.runs[0]!.reason).toBe(
      "Replay drift at shout/1 (call path shout, step 1): cases.replay (under 'hello > shout') has no recorded response for this request (the recording is empty)",
    );
    expect(report.cases[1]!.target.pass).toBe(true);
  });

  test("a judge replays from its own part of the file", async () => {
    await using project = await tempProject({
      "tools.ts": ECHO_TOOL,
      "grader.worker": GRADER,
      "cases.replay": `- key: hello > grader/1\n  response: { text: '{"pass":true,"reason":"loud enough"}' }\n`,
    });
    const report = await runEval(
      options(project, {
        cases: await casesIn(
          project,
          "cases:\n  - name: hello\n    input: hello\n    checks:\n      - judge: grader\n",
        ),
        target: { name: "shout", project: await load(project, ["tools.ts", "grader.worker"]) },
        model: "replay:cases.replay",
      }),
    );
    expect(report.cases[0]!.target.runs[0]!.checks).toEqual([
      { label: "judge grader", pass: true, reason: "loud enough" },
    ]);
  });
});
