import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRecording } from "../../src/testing/index.js";
import { exampleCommands } from "./example-commands.js";
import { copyExample, exampleDir, runDocumented } from "./example-support.js";

describe("examples/pitchdeck_eval_direct", { timeout: 60_000 }, () => {
  it("a program runs the evaluator with run(), follows its events, and writes the report", async () => {
    await using project = await copyExample("pitchdeck_eval_direct", ["evaluations"]);
    const result = await runDocumented(exampleCommands.pitchdeckEvalDirect, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "canopy_cold_chain.pdf: report in evaluations/canopy-cold-chain.md (1 model request(s))\n",
    );
    expect(result.stderr).toContain("canopy_cold_chain.pdf: pitch_evaluator started");
    expect(result.stderr).toContain("canopy_cold_chain.pdf: pitch_evaluator ok");
    expect(await readFile(project.path("evaluations/canopy-cold-chain.md"), "utf8")).toMatch(
      /^# Canopy Cold Chain\n[\s\S]*\*\*Verdict: WATCH\*\*/,
    );
  });

  it("uses the same evaluator, and scripts the same answer, as pitchdeck_eval", async () => {
    const read = (example: string, file: string) => readFile(path.join(exampleDir(example), file));
    expect(await read("pitchdeck_eval_direct", "pitch_evaluator.worker")).toEqual(
      await read("pitchdeck_eval", "pitch_evaluator.worker"),
    );
    const exchange = async (example: string, key: string) => {
      const recording = await readRecording(path.join(exampleDir(example), "demo.replay"));
      const { key: _key, ...rest } = recording.exchanges.get(key)!;
      return rest;
    };
    expect(await exchange("pitchdeck_eval_direct", "pitch_evaluator/1")).toEqual(
      await exchange("pitchdeck_eval", "main/2 > pitch_evaluator/1"),
    );
  });
});
