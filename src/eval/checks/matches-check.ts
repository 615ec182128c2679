/**
 * @module `matches: PATTERN` (with `flags`): a JavaScript regular expression matches somewhere in
 * the output's text.
 */
import type { Check } from "../eval-case.js";
import type { CheckOutcome } from "./check-outcome.js";
import { outputText, shortValue } from "./describe-value.js";

/** Checks that the pattern matches the output (a string, or the JSON of a structured output). */
export function matchesCheck(check: Extract<Check, { type: "matches" }>, output: unknown): CheckOutcome {
  const label = `matches ${String(check.pattern)}`;
  const text = outputText(output);
  const match = check.pattern.exec(text);
  return match
    ? { label, pass: true, reason: `matched ${shortValue(match[0])}` }
    : { label, pass: false, reason: `no match in ${shortValue(text)}` };
}
