import { describe, expect, test } from "vitest";
import { parseEvalArguments } from "./parse-eval-arguments.js";

describe("parseEvalArguments", () => {
  test("defaults: one run per case, every run must pass, one case at a time", () => {
    expect(parseEvalArguments(["a.worker", "tools.ts", "--cases", "cases.yaml"])).toEqual({
      type: "eval",
      arguments: {
        files: ["a.worker", "tools.ts"],
        cases: "cases.yaml",
        baselineFiles: [],
        concurrency: 1,
        repeat: 1,
        threshold: 1,
        json: false,
        debug: false,
      },
    });
  });

  test("every option", () => {
    const parsed = parseEvalArguments([
      "tools.ts",
      "--cases=cases.jsonl",
      "--target",
      "shout",
      "--baseline",
      "shout",
      "--baseline-files",
      "shout.worker,helper.worker",
      "--baseline-files",
      "more.ts",
      "-m",
      "replay:c.replay",
      "--concurrency",
      "4",
      "--repeat",
      "5",
      "--threshold",
      "0.8",
      "--json",
      "--reject-all",
      "--max-cost",
      "0.5",
      "--max-tokens",
      "1000",
      "--max-calls",
      "3",
      "--replay-drift",
      "report",
      "--debug",
    ]);
    expect(parsed).toEqual({
      type: "eval",
      arguments: {
        files: ["tools.ts"],
        cases: "cases.jsonl",
        target: "shout",
        baseline: "shout",
        baselineFiles: ["shout.worker", "helper.worker", "more.ts"],
        model: "replay:c.replay",
        concurrency: 4,
        repeat: 5,
        threshold: 0.8,
        json: true,
        approval: "reject_all",
        maxCost: 0.5,
        maxTokens: 1000,
        maxCalls: 3,
        replayDrift: "report",
        debug: true,
      },
    });
  });

  test("cases-from and help", () => {
    expect(parseEvalArguments(["cases-from", "run.replay", "--call", "main > shout"])).toEqual({
      type: "cases-from",
      file: "run.replay",
      call: "main > shout",
    });
    expect(parseEvalArguments(["--help"])).toMatchObject({ type: "help" });
    expect(parseEvalArguments(["cases-from", "--help"])).toMatchObject({ type: "help" });
  });

  test.each([
    [["tools.ts", "--cases", "c.yaml", "--threshold", "-0.1"], "expected a pass rate from 0 to 1"],
    [["tools.ts", "--cases", "c.yaml", "--concurrency", "two"], "expected a positive integer"],
    [["tools.ts", "--cases", "c.yaml", "--max-cost", "0"], "expected a positive number"],
    [["tools.ts", "--cases", "c.yaml", "--replay-drift", "ignore"], "Allowed choices are fail, report"],
    [["tools.ts", "--cases"], "option '--cases <file>' argument missing"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseEvalArguments(argv)).toThrow(message);
  });
});
