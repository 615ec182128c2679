/**
 * @module `json_schema: SCHEMA`: the output satisfies a JSON Schema. A string output that holds a
 * JSON object or array (a model asked for JSON without `schema_out`) is checked as that value.
 */
import type { Check } from "../eval-case.js";
import type { CheckOutcome } from "./check-outcome.js";

/** Checks the output against the check's schema; a failure lists the problems. */
export function jsonSchemaCheck(
  check: Extract<Check, { type: "json-schema" }>,
  output: unknown,
): CheckOutcome {
  const label = "json_schema";
  const problems = check.validate(jsonValueOf(output));
  return problems.length === 0
    ? { label, pass: true, reason: "valid" }
    : { label, pass: false, reason: problems.join("; ") };
}

function jsonValueOf(output: unknown): unknown {
  if (typeof output !== "string" || !/^\s*[[{]/.test(output)) return output;
  try {
    return JSON.parse(output) as unknown;
  } catch {
    return output;
  }
}
