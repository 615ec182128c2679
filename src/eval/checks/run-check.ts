/**
 * @module Runs one check of any kind on an output.
 */
import type { Check } from "../eval-case.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";
import { containsCheck } from "./contains-check.js";
import { equalsCheck } from "./equals-check.js";
import { jsonSchemaCheck } from "./json-schema-check.js";
import { judgeCheck } from "./judge-check.js";
import { matchesCheck } from "./matches-check.js";
import { predicateCheck } from "./predicate-check.js";

/** Runs `check` on `context.output`. Contract: never rejects; failures are outcomes. */
export async function runCheck(check: Check, context: CheckContext): Promise<CheckOutcome> {
  switch (check.type) {
    case "equals":
      return equalsCheck(check, context.output);
    case "contains":
      return containsCheck(check, context.output);
    case "matches":
      return matchesCheck(check, context.output);
    case "json-schema":
      return jsonSchemaCheck(check, context.output);
    case "predicate":
      return predicateCheck(check, context);
    case "judge":
      return judgeCheck(check, context);
  }
}
