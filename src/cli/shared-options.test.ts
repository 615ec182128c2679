import { describe, expect, test } from "vitest";
import { parseBatchArguments } from "./batch/parse-batch-arguments.js";
import { parseCliArguments } from "./parse-cli-arguments.js";

const quiet = { stdout: { write: () => true } };
const batch = ["main.worker", "--inputs", "items.jsonl", "--out", "r.jsonl"];

/** The usage error of a command line, or "" when it parses. */
function refusal(parse: () => unknown): string {
  try {
    parse();
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("the options llm-do and llm-do batch share", () => {
  test("--max-depth has the same upper bound in both", () => {
    expect(
      refusal(() => parseCliArguments(["main.worker", "hi", "--max-depth", "51"], "0", quiet)),
    ).toContain("the deepest nesting allowed is 50");
    expect(refusal(() => parseBatchArguments([...batch, "--max-depth", "51"], quiet))).toContain(
      "the deepest nesting allowed is 50",
    );
    expect(refusal(() => parseBatchArguments([...batch, "--max-depth", "50"], quiet))).toBe("");
  });

  test("limits and --replay-drift refuse the same bad values in both", () => {
    for (const [flag, value, message] of [
      ["--max-cost", "0", "expected a positive number"],
      ["--max-tokens", "1.5", "expected a positive integer"],
      ["--max-calls", "-2", "expected a positive integer"],
      ["--replay-drift", "warn", "Allowed choices are fail, report"],
    ] as const) {
      expect(
        refusal(() => parseCliArguments(["main.worker", "hi", flag, value], "0", quiet)),
        flag,
      ).toContain(message);
      expect(
        refusal(() => parseBatchArguments([...batch, flag, value], quiet)),
        flag,
      ).toContain(message);
    }
  });
});
