import { describe, expect, test } from "vitest";
import type { PredicateFunction } from "../eval-case.js";
import type { CheckContext } from "./check-outcome.js";
import { predicateCheck } from "./predicate-check.js";

const context: CheckContext = {
  output: "abc",
  input: { input: "x" },
  expected: { value: "abd" },
  caseName: "first",
  cwd: "/work",
  judge: async () => {
    throw new Error("no judge here");
  },
};

const check = (predicate: PredicateFunction) => ({
  type: "predicate" as const,
  reference: "./checks.ts#check",
  predicate,
});

describe("predicateCheck", () => {
  test("passes the output and the case to the function", async () => {
    const seen: unknown[] = [];
    await predicateCheck(
      check((output, caseContext) => {
        seen.push(output, caseContext);
        return true;
      }),
      context,
    );
    expect(seen).toEqual([
      "abc",
      { input: { input: "x" }, expected: "abd", caseName: "first", cwd: "/work" },
    ]);
  });

  test.each([
    [() => true, true, "returned true"],
    [() => false, false, "returned false"],
    [async () => ({ pass: false, reason: "too long" }), false, "too long"],
    [() => ({ pass: true }), true, "passed"],
    [
      () => {
        throw new Error("boom");
      },
      false,
      "threw: boom",
    ],
    [() => "yes", false, 'returned "yes": a predicate returns true, false or { pass, reason }'],
    [
      () => ({ pass: "yes" }),
      false,
      'returned {"pass":"yes"}: a predicate returns true, false or { pass, reason }',
    ],
  ] as [PredicateFunction, boolean, string][])("%s -> %s, %s", async (predicate, pass, reason) => {
    expect(await predicateCheck(check(predicate), context)).toEqual({
      label: "predicate ./checks.ts#check",
      pass,
      reason,
    });
  });
});
