/**
 * examples/pitchdeck_evals: cases from a recording of pitchdeck_eval, run against the hardened
 * versions. The commands refer to the sibling examples (`../pitchdeck_eval_hardened/...`), so
 * each test runs in a temporary copy of all four folders.
 */
import { cp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCasesFile } from "../../src/eval/parse-cases-file.js";
import { type TempProject, tempProject } from "../../src/testing/index.js";
import { exampleCommands } from "./example-commands.js";
import { exampleDir, runDocumented } from "./example-support.js";

const FOLDERS = ["pitchdeck_eval", "pitchdeck_eval_hardened", "pitchdeck_eval_code_entry", "pitchdeck_evals"];

/** The four examples side by side in a temporary folder; commands run in `pitchdeck_evals`. */
async function copyExamples(): Promise<TempProject & { evals: string }> {
  const project = await tempProject();
  for (const folder of FOLDERS) {
    await cp(exampleDir(folder), project.path(folder), { recursive: true });
    await rm(project.path(`${folder}/evaluations`), { recursive: true, force: true });
  }
  return Object.assign(project, { evals: project.path("pitchdeck_evals") });
}

describe("examples/pitchdeck_evals", { timeout: 60_000 }, () => {
  it("makes the case of cases.yaml from the recording of pitchdeck_eval", async () => {
    await using project = await copyExamples();
    const result = await runDocumented(exampleCommands.pitchdeckEvalsCasesFrom, project.evals);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const made = parseCasesFile(result.stdout, "made.yaml");
    expect(made.target).toBe("main");
    expect(made.cases.map(({ name, input, expected, from }) => ({ name, input, expected, from }))).toEqual([
      {
        name: "main-1",
        input: "Evaluate the pitch decks in input/",
        expected: { value: "canopy_cold_chain.pdf: WATCH, report in evaluations/canopy-cold-chain.md" },
        from: "pitchdeck_eval.replay: main",
      },
    ]);
    // cases.yaml is that case, renamed, with checks instead of the exact answer.
    const written = parseCasesFile(
      await readFile(path.join(project.evals, "cases.yaml"), "utf8"),
      "cases.yaml",
    );
    expect(written.target).toBe(made.target);
    const [canopy] = written.cases;
    expect([canopy!.name, canopy!.input, canopy!.expected, canopy!.from]).toEqual([
      "canopy",
      made.cases[0]!.input,
      made.cases[0]!.expected,
      made.cases[0]!.from,
    ]);
    expect(canopy!.checks.map((check) => check.type)).toEqual(["contains", "predicate"]);
  });

  it("passes against pitchdeck_eval_hardened, whose listing is a tool", async () => {
    await using project = await copyExamples();
    const result = await runDocumented(exampleCommands.pitchdeckEvalsHardened, project.evals);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^case +result +time +tokens +cost +why\ncanopy +pass +[\d.]+m?s +75 +\?\n/,
    );
    expect(result.stdout).toContain("1 case against main (worker): 1 passed");
  });

  it("fails the case when the report's write is not approved", async () => {
    await using project = await copyExamples();
    const command = exampleCommands.pitchdeckEvalsHardened;
    const result = await runDocumented(
      { ...command, line: command.line.replace(" --approve-all", "") },
      project.evals,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\ncanopy +FAIL /);
    expect(result.stdout).toContain(
      "Approval denied for write_file: use --approve-all to allow it in headless mode",
    );
  });

  it("compares the TypeScript main with the main worker it replaced: both pass, their answers differ", async () => {
    await using project = await copyExamples();
    const text = await runDocumented(exampleCommands.pitchdeckEvalsBaseline, project.evals);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^case +main \(tool\) +time +tokens +cost +baseline: main \(worker\) +time +tokens +cost +outputs +why\ncanopy +pass +[\d.]+m?s +15 +\? +pass +[\d.]+m?s +75 +\? +differ\n/,
    );
  });

  it("reports the comparison as JSON: both outputs, the checks' reasons, the model requests", async () => {
    await using project = await copyExamples();
    const json = await runDocumented(exampleCommands.pitchdeckEvalsBaseline, project.evals, {
      extraArguments: ["--json"],
    });
    const report = JSON.parse(json.stdout);
    const [canopy] = report.cases;
    expect([report.target, report.baseline, report.pass]).toEqual([
      { name: "main", kind: "tool" },
      { name: "main", kind: "worker" },
      true,
    ]);
    expect(canopy.target.runs[0].outcome.output).toBe("Evaluated 1 pitch deck(s): canopy-cold-chain");
    expect(canopy.baseline.runs[0].outcome.output).toBe(
      "canopy_cold_chain.pdf: WATCH, report in evaluations/canopy-cold-chain.md",
    );
    expect(canopy.target.runs[0].checks.map((check: { reason: string }) => check.reason)).toEqual([
      "found",
      "evaluations/canopy-cold-chain.md: WATCH",
    ]);
    expect(canopy.differs).toBe(true);
    expect([canopy.target.totals.usage.requests, canopy.baseline.totals.usage.requests]).toEqual([1, 5]);
  });

  it("marks the baseline failed when its report is denied, and the eval still passes on the target", async () => {
    await using project = await copyExamples();
    const command = exampleCommands.pitchdeckEvalsBaseline;
    const result = await runDocumented(
      { ...command, line: command.line.replace("--approve-all", "--reject-all") },
      project.evals,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\ncanopy +pass .* FAIL .* differ +baseline: predicate \.\/checks\.ts#wroteTheReport: evaluations\/canopy-cold-chain\.md was not written\n/,
    );
  });
});
