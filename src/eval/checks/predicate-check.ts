/**
 * @module `predicate: ./checks.ts#name`: a TypeScript function decides. It returns a boolean or
 * `{ pass, reason }` (or a promise of one); a throw is a failure with the error's message.
 */
import { errorMessage } from "../../errors.js";
import type { Check } from "../eval-case.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";
import { shortValue } from "./describe-value.js";

/** Calls the predicate with the output and the case, and reads its verdict. */
export async function predicateCheck(
  check: Extract<Check, { type: "predicate" }>,
  context: CheckContext,
): Promise<CheckOutcome> {
  const label = `predicate ${check.reference}`;
  let verdict: unknown;
  try {
    verdict = await check.predicate(context.output, {
      input: context.input,
      ...(context.expected ? { expected: context.expected.value } : {}),
      caseName: context.caseName,
      cwd: context.cwd,
    });
  } catch (error) {
    return { label, pass: false, reason: `threw: ${errorMessage(error)}` };
  }
  if (typeof verdict === "boolean") {
    return { label, pass: verdict, reason: verdict ? "returned true" : "returned false" };
  }
  if (isVerdict(verdict)) {
    return {
      label,
      pass: verdict.pass,
      reason: verdict.reason ?? (verdict.pass ? "passed" : "failed"),
    };
  }
  return {
    label,
    pass: false,
    reason: `returned ${shortValue(verdict)}: a predicate returns true, false or { pass, reason }`,
  };
}

function isVerdict(value: unknown): value is { pass: boolean; reason?: string } {
  if (typeof value !== "object" || value === null) return false;
  const { pass, reason } = value as { pass?: unknown; reason?: unknown };
  return typeof pass === "boolean" && (reason === undefined || typeof reason === "string");
}
