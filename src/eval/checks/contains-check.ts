/**
 * @module `contains: TEXT` (with `ignore_case: true`): the output's text contains TEXT.
 */
import type { Check } from "../eval-case.js";
import type { CheckOutcome } from "./check-outcome.js";
import { outputText, shortValue } from "./describe-value.js";

/** Checks that the output (a string, or the JSON of a structured output) contains the text. */
export function containsCheck(check: Extract<Check, { type: "contains" }>, output: unknown): CheckOutcome {
  const label = `contains ${shortValue(check.text, 30)}${check.ignoreCase ? " (any case)" : ""}`;
  const text = outputText(output);
  const found = check.ignoreCase
    ? text.toLowerCase().includes(check.text.toLowerCase())
    : text.includes(check.text);
  return found
    ? { label, pass: true, reason: "found" }
    : { label, pass: false, reason: `${shortValue(check.text)} not found in ${shortValue(text)}` };
}
