import { expect, test } from "vitest";
import { matchesCheck } from "./matches-check.js";

test("a regular expression matches somewhere in the output", () => {
  expect(
    matchesCheck({ type: "matches", pattern: /Verdict: (GO|WATCH|PASS)/ }, "**Verdict: WATCH**: soon"),
  ).toEqual({
    label: "matches /Verdict: (GO|WATCH|PASS)/",
    pass: true,
    reason: 'matched "Verdict: WATCH"',
  });
  expect(matchesCheck({ type: "matches", pattern: /^\d+$/ }, "12a")).toEqual({
    label: "matches /^\\d+$/",
    pass: false,
    reason: 'no match in "12a"',
  });
  expect(matchesCheck({ type: "matches", pattern: /"n":\d/ }, { n: 4 }).pass).toBe(true);
});
