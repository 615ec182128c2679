/**
 * @module `equals: VALUE`: the output is the value (deep equality of JSON values; strings
 * exactly).
 */
import { stableStringify } from "../../util/stable-stringify.js";
import type { Check } from "../eval-case.js";
import type { CheckOutcome } from "./check-outcome.js";
import { shortValue } from "./describe-value.js";

/** Checks that `output` equals the check's value; a failure says where they first differ. */
export function equalsCheck(check: Extract<Check, { type: "equals" }>, output: unknown): CheckOutcome {
  const label = `equals ${shortValue(check.value, 30)}`;
  if (stableStringify(output) === stableStringify(check.value)) return { label, pass: true, reason: "equal" };
  return { label, pass: false, reason: describeDifference(output, check.value) };
}

/** Where two values first differ: a line and column for strings, the values otherwise. */
export function describeDifference(actual: unknown, expected: unknown): string {
  if (typeof actual !== "string" || typeof expected !== "string") {
    return `got ${shortValue(actual)}, expected ${shortValue(expected)}`;
  }
  let index = 0;
  while (index < actual.length && index < expected.length && actual[index] === expected[index]) index++;
  const before = actual.slice(0, index);
  const line = before.split("\n").length;
  const column = index - before.lastIndexOf("\n");
  const got = index < actual.length ? shortValue(actual.slice(index), 30) : "the end";
  const wanted = index < expected.length ? shortValue(expected.slice(index), 30) : "the end";
  return `differs at line ${line}, column ${column}: got ${got}, expected ${wanted}`;
}
