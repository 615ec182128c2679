import { describe, expect, test } from "vitest";
import type { CheckContext } from "./check-outcome.js";
import { judgeCheck, judgePrompt } from "./judge-check.js";

const base: Omit<CheckContext, "judge"> = {
  output: "Verdict: WATCH",
  input: { input: "Evaluate this deck." },
  expected: { value: "Verdict: GO" },
  caseName: "canopy",
  cwd: "/work",
};
const check = { type: "judge" as const, worker: "grader", criteria: "The verdict is justified." };

describe("judgeCheck", () => {
  test("asks the judge worker with the criteria, input, output and expected output", async () => {
    const asked: [string, string][] = [];
    const outcome = await judgeCheck(check, {
      ...base,
      judge: async (worker, prompt) => {
        asked.push([worker, prompt]);
        return { pass: false, reason: "WATCH where GO was expected" };
      },
    });
    expect(outcome).toEqual({ label: "judge grader", pass: false, reason: "WATCH where GO was expected" });
    expect(asked).toEqual([["grader", judgePrompt(check, { ...base, judge: async () => null })]]);
    expect(asked[0]![1]).toBe(
      [
        "Decide whether the output passes the criteria.",
        "Criteria: The verdict is justified.",
        'Input:\n{"input":"Evaluate this deck."}',
        "Output:\nVerdict: WATCH",
        "Expected output (a reference answer):\nVerdict: GO",
        "Answer with pass (true or false) and a one-sentence reason.",
      ].join("\n\n"),
    );
  });

  test("without criteria or expected output, the judge gets a default and no reference", () => {
    const { expected: _expected, ...withoutExpected } = base;
    const prompt = judgePrompt(
      { type: "judge", worker: "grader" },
      { ...withoutExpected, judge: async () => null },
    );
    expect(prompt).toContain("Criteria: The output is a correct, complete answer to the input.");
    expect(prompt).not.toContain("Expected output");
  });

  test("a judge that does not return { pass, reason } fails the check", async () => {
    expect(await judgeCheck(check, { ...base, judge: async () => "looks fine" })).toEqual({
      label: "judge grader",
      pass: false,
      reason:
        'the judge returned "looks fine", not { pass: boolean, reason: string } (give it that schema_out)',
    });
  });

  test("a judge whose run fails fails the check", async () => {
    const outcome = await judgeCheck(check, {
      ...base,
      judge: async () => {
        throw new Error("Model API error (status 529)");
      },
    });
    expect(outcome).toEqual({
      label: "judge grader",
      pass: false,
      reason: "the judge failed: Model API error (status 529)",
    });
  });
});
