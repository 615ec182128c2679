import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  callEnds,
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  runDocumented,
  toolsetNames,
} from "./example-support.js";

const report = "evaluations/canopy-cold-chain.md";

describe("examples/bootstrapping", { timeout: 60_000 }, () => {
  it("main has dynamic_workers and a filesystem, and no evaluator file", async () => {
    const project = await loadExample("bootstrapping", ["main.worker"]);
    expect(toolsetNames(project, "main")).toEqual(["dynamic_workers", "filesystem_project"]);
    expect([...project.registry.workers.keys()]).toEqual(["main"]);
  });

  it("creates the evaluator (asked, showing its file), keeps the file, calls it with the PDF, and writes the report", async () => {
    await using project = await copyExample("bootstrapping", ["evaluations", "generated"]);
    const result = await runDocumented(exampleCommands.bootstrapping, project.dir, {
      extraArguments: ["--json"],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`canopy_cold_chain.pdf: WATCH, report in ${report}\n`);
    const events = eventsOf(result);

    const [runFolder, ...others] = readdirSync(project.path("generated"));
    expect(others).toEqual([]);
    const file = path.join("generated", runFolder!, "pitch_evaluator.worker");
    const created = await readFile(project.path(file), "utf8");
    expect(created).toMatch(
      /^---\nname: pitch_evaluator\n[\s\S]*model: anthropic:claude-haiku-4-5\n---\nYou are a seed-stage investor\./,
    );
    expect(eventsOfType(events, "approval-request").map((event) => event.request.toolName)).toEqual([
      "create_worker",
      "write_file",
    ]);
    expect(eventsOfType(events, "approval-request")[0]!.request.description).toBe(
      `Create worker 'pitch_evaluator' (${file}):\n${created}`,
    );
    expect(
      callStarts(events, "pitch_evaluator").map((event) => [event.path, event.depth, event.input]),
    ).toEqual([
      [
        ["main", "call_worker", "pitch_evaluator"],
        2,
        { input: "Evaluate this pitch deck.", attachments: ["input/canopy_cold_chain.pdf"] },
      ],
    ]);
    expect(callEnds(events, "create_worker")[0]!.output).toBe(
      `Created worker 'pitch_evaluator'. Call it with call_worker (worker: "pitch_evaluator").`,
    );
    expect(await readFile(project.path(report), "utf8")).toMatch(
      /^# Canopy Cold Chain\n[\s\S]*\*\*Verdict: WATCH\*\*/,
    );
  });

  it("the created file runs again on its own, as any worker file", async () => {
    await using project = await copyExample("bootstrapping", ["evaluations", "generated"]);
    await runDocumented(exampleCommands.bootstrapping, project.dir);
    const [runFolder] = readdirSync(project.path("generated"));
    const result = await runDocumented(
      {
        ...exampleCommands.bootstrapping,
        line: `npx llm-do generated/${runFolder}/pitch_evaluator.worker --entry pitch_evaluator --model builtin:echo --input-json '{"input": "Evaluate this pitch deck."}'`,
      },
      project.dir,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Echo: Evaluate this pitch deck.\n");
  });
});
