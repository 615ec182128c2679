import { expect, test } from "vitest";
import { containsCheck } from "./contains-check.js";

test("finds text in a string output, case-sensitively unless asked", () => {
  expect(containsCheck({ type: "contains", text: "WATCH", ignoreCase: false }, "Verdict: WATCH")).toEqual({
    label: 'contains "WATCH"',
    pass: true,
    reason: "found",
  });
  expect(containsCheck({ type: "contains", text: "watch", ignoreCase: false }, "Verdict: WATCH")).toEqual({
    label: 'contains "watch"',
    pass: false,
    reason: '"watch" not found in "Verdict: WATCH"',
  });
  expect(containsCheck({ type: "contains", text: "watch", ignoreCase: true }, "Verdict: WATCH").pass).toBe(
    true,
  );
});

test("looks in the JSON of a structured output", () => {
  expect(
    containsCheck({ type: "contains", text: '"slug":"acme"', ignoreCase: false }, { slug: "acme" }).pass,
  ).toBe(true);
});
