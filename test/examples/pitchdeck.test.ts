/**
 * The three pitch-deck examples: each on its own, then the hardening story across them (the
 * evaluator, its input and its report stay the same while the orchestration moves to code).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRecording } from "../../src/testing/index.js";
import { type ExampleCommand, exampleCommands } from "./example-commands.js";
import {
  callEnds,
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  exampleDir,
  loadExample,
  moduleOf,
  runDocumented,
  toolNames,
  toolsetNames,
} from "./example-support.js";

const deck = "input/canopy_cold_chain.pdf";
const report = "evaluations/canopy-cold-chain.md";
const evaluatorInput = { input: "Evaluate this pitch deck.", attachments: [deck] };

const versions: { command: ExampleCommand; files: string[]; evaluatorKey: string }[] = [
  {
    command: exampleCommands.pitchdeckEval,
    files: ["main.worker", "pitch_evaluator.worker"],
    evaluatorKey: "main/2 > pitch_evaluator/1",
  },
  {
    command: exampleCommands.pitchdeckEvalHardened,
    files: ["main.worker", "pitch_evaluator.worker", "tools.ts"],
    evaluatorKey: "main/2 > pitch_evaluator/1",
  },
  {
    command: exampleCommands.pitchdeckEvalCodeEntry,
    files: ["tools.ts", "pitch_evaluator.worker"],
    evaluatorKey: "main > pitch_evaluator/1",
  },
];

/** Runs a version offline (with --json) and returns its events and the report it wrote. */
async function runVersion(command: ExampleCommand) {
  await using project = await copyExample(command.example, ["evaluations"]);
  const result = await runDocumented(command, project.dir, { extraArguments: ["--json"] });
  return {
    result,
    events: eventsOf(result),
    report: await readFile(project.path(report), "utf8"),
  };
}

describe("examples/pitchdeck_eval", { timeout: 60_000 }, () => {
  it("main delegates to pitch_evaluator and uses the filesystem", async () => {
    const project = await loadExample("pitchdeck_eval", versions[0]!.files);
    expect(toolsetNames(project, "main")).toEqual(["pitch_evaluator", "filesystem"]);
    expect(toolsetNames(project, "pitch_evaluator")).toEqual([]);
  });

  it("lists the deck, attaches the PDF, and writes the report after approval", async () => {
    await using project = await copyExample("pitchdeck_eval", ["evaluations"]);
    const result = await runDocumented(exampleCommands.pitchdeckEval, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`canopy_cold_chain.pdf: WATCH, report in ${report}\n`);
    expect(await readFile(project.path(report), "utf8")).toMatch(
      /^# Canopy Cold Chain\n[\s\S]*\*\*Verdict: WATCH\*\*/,
    );

    const { events } = await runVersion(exampleCommands.pitchdeckEval);
    expect(callEnds(events, "list_files").map((event) => event.output)).toEqual([["canopy_cold_chain.pdf"]]);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.toolName)).toEqual([
      "write_file",
    ]);
  });
});

describe("examples/pitchdeck_eval_hardened", { timeout: 60_000 }, () => {
  it("adds pitchdeck_tools.list_pitchdecks to the same orchestrator", async () => {
    const project = await loadExample("pitchdeck_eval_hardened", versions[1]!.files);
    expect(toolsetNames(project, "main")).toEqual(["pitch_evaluator", "filesystem", "pitchdeck_tools"]);
    expect(toolNames(project, "pitchdeck_tools")).toEqual(["list_pitchdecks"]);
    const { slugify } = moduleOf(project, "pitchdeck_eval_hardened", "tools.ts") as {
      slugify: (text: string) => string;
    };
    expect(slugify("canopy_cold_chain")).toBe("canopy-cold-chain");
    expect(slugify("ACME Pitch_v2 (final)")).toBe("acme-pitch-v2-final");
    expect(slugify("Café Zoë")).toBe("cafe-zoe");
    expect(slugify("!!!")).toBe("deck");
  });

  it("gets the decks from code, then runs as before", async () => {
    const { result, events } = await runVersion(exampleCommands.pitchdeckEvalHardened);
    expect(result.code).toBe(0);
    expect(callEnds(events, "list_pitchdecks").map((event) => event.output)).toEqual([
      [{ file: deck, slug: "canopy-cold-chain", output_path: report }],
    ]);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.toolName)).toEqual([
      "write_file",
    ]);
  });
});

describe("examples/pitchdeck_eval_code_entry", { timeout: 60_000 }, () => {
  it("has a TypeScript entry named main and no orchestrating worker", async () => {
    const project = await loadExample("pitchdeck_eval_code_entry", versions[2]!.files);
    expect([...project.registry.workers.keys()]).toEqual(["pitch_evaluator"]);
    expect(toolNames(project, "pitchdeck_pipeline")).toEqual(["main"]);
  });

  it("loops in code, asks for nothing, and prints what it did", async () => {
    await using project = await copyExample("pitchdeck_eval_code_entry", ["evaluations"]);
    const result = await runDocumented(exampleCommands.pitchdeckEvalCodeEntry, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Evaluated 1 pitch deck(s): canopy-cold-chain\n");

    const { events } = await runVersion(exampleCommands.pitchdeckEvalCodeEntry);
    expect(eventsOfType(events, "call-start").map((event) => [event.path.join(" > "), event.kind])).toEqual([
      ["main", "tool"],
      ["main > pitch_evaluator", "worker"],
    ]);
    expect(eventsOfType(events, "approval-request")).toEqual([]);
  });

  it("reports an empty input folder without calling a model", async () => {
    await using project = await copyExample("pitchdeck_eval_code_entry", ["evaluations", deck]);
    const result = await runDocumented(exampleCommands.pitchdeckEvalCodeEntry, project.dir, {
      extraArguments: ["--replay-drift", "report"],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("No pitch decks found in input/.\n");
  });
});

describe("progressive hardening: the call sites stay the same", { timeout: 60_000 }, () => {
  it("ships the same evaluator and the same deck in all three versions", async () => {
    const read = (example: string, file: string) => readFile(path.join(exampleDir(example), file));
    const [first, ...rest] = versions.map((version) => version.command.example);
    for (const example of rest) {
      expect(await read(example, "pitch_evaluator.worker")).toEqual(
        await read(first!, "pitch_evaluator.worker"),
      );
      expect(await read(example, deck)).toEqual(await read(first!, deck));
    }
  });

  it("scripts the same evaluator exchange in all three replays", async () => {
    const exchanges = await Promise.all(
      versions.map(async ({ command, evaluatorKey }) => {
        const recording = await readRecording(path.join(exampleDir(command.example), "demo.replay"));
        const { key: _key, ...exchange } = recording.exchanges.get(evaluatorKey)!;
        return exchange;
      }),
    );
    expect(exchanges[1]).toEqual(exchanges[0]);
    expect(exchanges[2]).toEqual(exchanges[0]);
  });

  it("calls pitch_evaluator with the same input, and writes the same report, from a prompt or from code", async () => {
    const runs = await Promise.all(versions.map(({ command }) => runVersion(command)));
    for (const { result, events, report: written } of runs) {
      expect(result.code).toBe(0);
      expect(callStarts(events, "pitch_evaluator").map((event) => [event.path, event.input])).toEqual([
        [["main", "pitch_evaluator"], evaluatorInput],
      ]);
      expect(written).toBe(runs[0]!.report);
    }
  });
});
