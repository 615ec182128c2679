/**
 * The calculator's demo.replay records what each request sent, so a change to the prompt, the
 * worker's instructions or a tool's result is drift: the run fails by default, and with
 * `--replay-drift report` the plain headless run says so on stderr and goes on.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument } from "yaml";
import { runCli } from "../cli/run-cli.js";
import { runMain } from "../support/run-main.js";
import { exampleCommands } from "./example-commands.js";
import { argumentsOf, copyExample, exampleDir } from "./example-support.js";

const documented = argumentsOf(exampleCommands.calculator.line);
const prompt = documented.at(-1)!;
const answer = "10! + fibonacci(12) = 3,628,944";

interface Change {
  /** What is changed in the copy of the example. */
  name: string;
  /** Changes the copy; returns the arguments to run it with. */
  apply: (project: {
    write: (file: string, content: string) => Promise<string>;
    path: (file: string) => string;
  }) => Promise<string[]>;
  /** The first drift report, as printed. */
  report: RegExp;
  /** The keys of every drift reported when the run goes on. */
  drifts: string[];
}

const changes: Change[] = [
  {
    name: "a different prompt",
    apply: async () => [...documented.slice(0, -1), prompt.replace("12th", "13th")],
    report: new RegExp(
      [
        "Replay drift at main/1 \\(call path main, step 1\\): the request differs from demo\\.replay:",
        "  - the user message \\(the call's input\\) differs:",
        '    recorded: \\{"role":"user","text":"What is 10 factorial plus the 12th Fibonacci number\\?"\\}',
        '    actual:   \\{"role":"user","text":"What is 10 factorial plus the 13th Fibonacci number\\?"\\}',
      ].join("\n"),
    ),
    drifts: ["main/1"],
  },
  {
    name: "a changed instruction in main.worker",
    apply: async (project) => {
      const worker = await readFile(project.path("main.worker"), "utf8");
      await project.write(
        "main.worker",
        worker.replace("You are a careful calculator.", "You are a calculator."),
      );
      return documented;
    },
    report:
      /Replay drift at main\/1 \(call path main, step 1\): the request differs from demo\.replay:\n {2}- the instructions changed \(recorded sha256:[0-9a-f]{16}, now sha256:[0-9a-f]{16}\)/,
    // Every request carries the instructions.
    drifts: ["main/1", "main/2", "main/3"],
  },
  {
    name: "a tool that returns a different number",
    apply: async (project) => {
      const tools = await readFile(project.path("tools.ts"), "utf8");
      await project.write(
        "tools.ts",
        tools.replace("execute: ({ n }) => fibonacci(n),", "execute: ({ n }) => fibonacci(n) + 1,"),
      );
      return documented;
    },
    report: new RegExp(
      [
        "Replay drift at main/2 \\(call path main, step 2\\): the request differs from demo\\.replay:",
        "  - the result of tool 'fibonacci' differs:",
        '    recorded: \\{"role":"tool","name":"fibonacci","output":144\\}',
        '    actual:   \\{"role":"tool","name":"fibonacci","output":145\\}',
      ].join("\n"),
    ),
    drifts: ["main/2"],
  },
];

describe("examples/calculator: its replay catches change", { timeout: 60_000 }, () => {
  it.each(changes.map((change) => [change.name, change] as const))("%s is drift", async (_name, change) => {
    await using project = await copyExample("calculator");
    const cliArguments = await change.apply(project);

    // The command's own main, in this process (the last two tests spawn the command). The
    // calculator writes no files, so the two runs can share the copy.
    const [failing, reporting] = await Promise.all([
      runMain(cliArguments, { cwd: project.dir }),
      runMain([...cliArguments, "--replay-drift", "report"], { cwd: project.dir }),
    ]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe("");
    expect(failing.stderr).toMatch(new RegExp(`^Error: ${change.report.source}`));

    expect(reporting.code).toBe(0);
    expect(reporting.stdout).toContain(answer);
    expect(reporting.stderr).toMatch(new RegExp(`^${change.report.source}\n`));
    const reported = [...reporting.stderr.matchAll(/^Replay drift at (\S+) /gm)].map((match) => match[1]);
    expect(reported).toEqual(change.drifts);
    // Nothing but the reports: every line is a report's first line or one of its details.
    for (const line of reporting.stderr.trimEnd().split("\n"))
      expect(line).toMatch(/^(Replay drift at | {2})/);
  });

  it("the unchanged example replays without a word on stderr", async () => {
    await using project = await copyExample("calculator");
    const result = await runCli([...documented, "--replay-drift", "report"], { cwd: project.dir });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(answer);
  });

  it("recording onto a script without requests writes the demo.replay in the repository", async () => {
    await using project = await copyExample("calculator");
    const committed = await readFile(`${exampleDir("calculator")}/demo.replay`, "utf8");
    const script = parseDocument(committed);
    if (!isSeq(script.contents)) throw new Error("demo.replay is not a list");
    for (const item of script.contents.items) if (isMap(item)) item.delete("request");
    await project.write("demo.replay", script.toString({ lineWidth: 0 }));
    expect(await readFile(project.path("demo.replay"), "utf8")).not.toContain("request:");

    const result = await runCli([...documented, "--record", "demo.replay"], { cwd: project.dir });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(await readFile(project.path("demo.replay"), "utf8")).toBe(committed);
  });
});
