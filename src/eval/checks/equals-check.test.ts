import { describe, expect, test } from "vitest";
import { describeDifference, equalsCheck } from "./equals-check.js";

describe("equalsCheck", () => {
  test("deep equality, whatever the key order", () => {
    expect(equalsCheck({ type: "equals", value: { a: 1, b: [2] } }, { b: [2], a: 1 })).toEqual({
      label: 'equals {"a":1,"b":[2]}',
      pass: true,
      reason: "equal",
    });
  });

  test("a string must be exactly the same", () => {
    const outcome = equalsCheck({ type: "equals", value: "Verdict: GO\n" }, "Verdict: GO");
    expect(outcome.pass).toBe(false);
    expect(outcome.reason).toBe('differs at line 1, column 12: got the end, expected "\\n"');
  });

  test("a structured output is not its JSON text", () => {
    expect(equalsCheck({ type: "equals", value: '{"a":1}' }, { a: 1 })).toMatchObject({
      pass: false,
      reason: 'got {"a":1}, expected "{\\"a\\":1}"',
    });
  });
});

describe("describeDifference", () => {
  test("names the line and column of the first difference in text", () => {
    expect(describeDifference("# Canopy\n| Problem | 5/5 |", "# Canopy\n| Problem | 4/5 |")).toBe(
      'differs at line 2, column 13: got "5/5 |", expected "4/5 |"',
    );
  });

  test("shortens long values", () => {
    expect(describeDifference("x".repeat(100), "y")).toBe(
      `differs at line 1, column 1: got "${"x".repeat(26)}..., expected "y"`,
    );
  });
});
