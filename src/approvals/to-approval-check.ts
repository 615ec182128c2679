/**
 * @module Reads what a tool's `needsApproval` is or returns: `true`, `false`, a reason string,
 * or a full check. Anything else is an error naming the tool and the value.
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import type { ApprovalCheck } from "./approval-types.js";

const Check = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("blocked"), reason: z.string() }),
  z.strictObject({ type: z.literal("pre-approved") }),
  z.strictObject({ type: z.literal("needs-approval"), reason: z.string().optional() }),
]);

/** What `needsApproval` may be (or return), for messages. */
export const NEEDS_APPROVAL_EXPECTED =
  'true, false, a reason string, { type: "needs-approval", reason? }, { type: "pre-approved" } or { type: "blocked", reason }';

/** The check a `needsApproval` value means, or `undefined` when it means nothing. */
export function parseApprovalCheck(value: unknown): ApprovalCheck | undefined {
  if (typeof value === "boolean") return value ? { type: "needs-approval" } : { type: "pre-approved" };
  if (typeof value === "string") return { type: "needs-approval", reason: value };
  const parsed = Check.safeParse(value);
  if (!parsed.success) return undefined;
  const check = parsed.data;
  return check.type === "needs-approval" && check.reason === undefined ? { type: "needs-approval" } : check;
}

/**
 * The check a tool's `needsApproval` function returned. Contract: throws ConfigError
 * `needsApproval of tool '<name>' returned <value>: expected ...` for anything else, so a
 * broken check ends the run instead of guessing.
 */
export function toApprovalCheck(value: unknown, toolName: string): ApprovalCheck {
  const check = parseApprovalCheck(value);
  if (check) return check;
  throw new ConfigError(
    `needsApproval of tool '${toolName}' returned ${describe(value)}: expected ${NEEDS_APPROVAL_EXPECTED}`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 80)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
