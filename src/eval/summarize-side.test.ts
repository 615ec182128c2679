import { describe, expect, test } from "vitest";
import { emptyUsage } from "../runtime/usage.js";
import type { EvalRun } from "./eval-report.js";
import { sidesDiffer, summarizeSide } from "./summarize-side.js";

const run = (pass: boolean, output: unknown = "x", usd = 0.001): EvalRun => ({
  outcome: { type: "ok", output },
  checks: [],
  pass,
  reason: pass ? "" : "failed",
  durationMs: 10,
  usage: { ...emptyUsage(), inputTokens: 5, outputTokens: 1, totalTokens: 6, requests: 1 },
  cost: { usd, unpricedModels: [] },
});
const failedRun = (message: string): EvalRun => ({
  ...run(false),
  outcome: { type: "error", error: { name: "Error", message } },
});

describe("summarizeSide", () => {
  test.each([
    [[true, true, true], 1, true],
    [[true, false, true], 1, false],
    [[true, true, false, false, true], 0.6, true],
    [[true, false, false, false, true], 0.6, false],
    [[false], 0, true],
  ])("%j with threshold %d passes: %s", (passes, threshold, pass) => {
    const side = summarizeSide(
      passes.map((value) => run(value)),
      threshold,
    );
    expect(side.pass).toBe(pass);
    expect(side.passes).toBe(passes.filter(Boolean).length);
  });

  test("adds up time, tokens and cost", () => {
    const side = summarizeSide([run(true, "x", 0.001), run(true, "x", 0.002)], 1);
    expect(side.totals.durationMs).toBe(20);
    expect(side.totals.usage).toMatchObject({ totalTokens: 12, requests: 2 });
    expect(side.totals.cost).toEqual({ usd: 0.003, unpricedModels: [] });
  });

  test("no runs never pass", () => {
    expect(summarizeSide([], 0).pass).toBe(false);
  });
});

describe("sidesDiffer", () => {
  const side = (...runs: EvalRun[]) => summarizeSide(runs, 1);

  test.each([
    [
      "equal outputs, in any key order",
      side(run(true, { a: 1, b: 2 })),
      side(run(true, { b: 2, a: 1 })),
      false,
    ],
    ["different outputs that both pass", side(run(true, "HELLO")), side(run(true, "Hello")), true],
    ["one passes, one fails", side(run(true, "x")), side(run(false, "x")), true],
    ["one failed to run", side(failedRun("boom")), side(run(false, "x")), true],
    ["both failed the same way", side(failedRun("boom")), side(failedRun("boom")), false],
    ["both failed differently", side(failedRun("boom")), side(failedRun("bang")), true],
  ])("%s: %s", (_name, target, baseline, differs) => {
    expect(sidesDiffer(target, baseline)).toBe(differs);
  });
});
