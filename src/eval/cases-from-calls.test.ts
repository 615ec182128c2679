import { describe, expect, test } from "vitest";
import { casesFromCalls, matchesCall } from "./cases-from-calls.js";
import { formatCasesFile } from "./format-cases-file.js";
import { parseCasesFile } from "./parse-cases-file.js";
import type { RecordedCall } from "./recorded-call.js";

const known = (key: string, path: string[], input: unknown, output: unknown): RecordedCall => ({
  key,
  path,
  type: "known",
  input,
  output,
});

const calls: RecordedCall[] = [
  known("main", ["main"], "Evaluate the decks.", "Done."),
  known(
    "main/2 > pitch_evaluator",
    ["main", "pitch_evaluator"],
    { input: "Evaluate.", attachments: ["a.pdf"] },
    "# A\n\n| x | y |\n",
  ),
  {
    key: "main/2 > pitch_evaluator#2",
    path: ["main", "pitch_evaluator"],
    type: "unknown",
    why: "it failed: boom",
  },
  known("main/3 > helper/1 > pitch_evaluator", ["main", "helper", "pitch_evaluator"], "B", "# B"),
];

describe("matchesCall", () => {
  test.each([
    ["pitch_evaluator", "main/2 > pitch_evaluator", true],
    ["pitch_evaluator", "main/3 > helper/1 > pitch_evaluator", true],
    ["main > pitch_evaluator", "main/2 > pitch_evaluator", true],
    ["main > pitch_evaluator", "main/3 > helper/1 > pitch_evaluator", false],
    ["main/2 > pitch_evaluator", "main/2 > pitch_evaluator", true],
    ["main/2>pitch_evaluator#1", "main/2 > pitch_evaluator", true],
    ["main/2 > pitch_evaluator", "main/2 > pitch_evaluator#2", false],
    ["evaluator", "main/2 > pitch_evaluator", false],
  ])("%s matches %s: %s", (pattern, key, matches) => {
    expect(matchesCall(calls.find((call) => call.key === key)!, pattern)).toBe(matches);
  });
});

describe("casesFromCalls", () => {
  test("without --call, the entry", () => {
    expect(casesFromCalls(calls, { file: "run.replay" })).toEqual({
      target: "main",
      cases: [{ name: "main-1", input: "Evaluate the decks.", expected: "Done.", from: "run.replay: main" }],
      skipped: [],
    });
  });

  test("with --call, every matching call that can be known; the others are listed as skipped", () => {
    const made = casesFromCalls(calls, { file: "run.replay", pattern: "pitch_evaluator" });
    expect(made.target).toBe("pitch_evaluator");
    expect(made.cases.map((item) => [item.name, item.from])).toEqual([
      ["pitch_evaluator-1", "run.replay: main/2 > pitch_evaluator"],
      ["pitch_evaluator-2", "run.replay: main/3 > helper/1 > pitch_evaluator"],
    ]);
    expect(made.skipped).toEqual([{ key: "main/2 > pitch_evaluator#2", why: "it failed: boom" }]);
  });

  test.each([
    [
      { pattern: "nope" },
      "run.replay: no recorded call matches 'nope' (calls: main, main/2 > pitch_evaluator, main/2 > pitch_evaluator#2, main/3 > helper/1 > pitch_evaluator)",
    ],
    [
      { pattern: "main/2 > pitch_evaluator#2" },
      "run.replay: no call of 'pitch_evaluator' can become a case (main/2 > pitch_evaluator#2: it failed: boom)",
    ],
  ])("%j is refused", (options, message) => {
    expect(() => casesFromCalls(calls, { file: "run.replay", ...options })).toThrow(message);
  });

  test("two entries of different names need --call", () => {
    expect(() =>
      casesFromCalls([calls[0]!, known("other", ["other"], "x", "y")], { file: "r.replay" }),
    ).toThrow("r.replay: the run has calls of main, other at the top: choose one with --call");
  });
});

describe("formatCasesFile", () => {
  test("writes YAML that reads back as the same cases, each checking its expected output", () => {
    const made = casesFromCalls(calls, { file: "run.replay", pattern: "pitch_evaluator" });
    const text = formatCasesFile(made, "llm-do eval cases-from run.replay --call pitch_evaluator");
    expect(text).toMatch(
      /^# Made with: llm-do eval cases-from run\.replay --call pitch_evaluator\n# Each case is a recorded call of 'pitch_evaluator'/,
    );
    expect(text).toContain("    expected: |\n      # A\n\n      | x | y |\n");
    const parsed = parseCasesFile(text, "cases.yaml");
    expect(parsed.target).toBe("pitch_evaluator");
    expect(
      parsed.cases.map((item) => [item.name, item.input, item.expected?.value, item.from, item.checks]),
    ).toEqual(
      made.cases.map((item) => [
        item.name,
        item.input,
        item.expected,
        item.from,
        [{ type: "equals", value: item.expected }],
      ]),
    );
  });
});
