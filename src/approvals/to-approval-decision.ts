/**
 * @module Reads what a policy function or a prompt answered: a decision object, or one of the
 * design's strings. Anything else is an error that names the policy and the value, never a
 * silent denial.
 */
import { z } from "zod";
import { ConfigError } from "../errors.js";
import type { ApprovalDecision } from "./approval-types.js";

/** The strings a policy may answer instead of a decision object. */
export const DECISION_STRINGS = ["approve", "reject", "prompt"] as const;

const DecisionObject = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("approved"), remember: z.enum(["once", "session"]).optional() }),
  z.strictObject({ type: z.literal("denied"), note: z.string().optional() }),
]);

const EXPECTED =
  'expected "approve", "reject", "prompt", { type: "approved", remember?: "once" | "session" } or { type: "denied", note?: string }';

/** Who gave the answer, for messages. */
export interface AnswerSource {
  /** `approval policy 'mine'`, `approval prompt`: what the message names. */
  label: string;
  /** The call the answer is about. */
  toolName: string;
}

/**
 * The decision an answer means: `"approve"` approves once, `"reject"` denies with a note the
 * model reads, `"prompt"` asks for a person to decide (the caller handles it), and objects are
 * checked field by field.
 *
 * Contract: throws ConfigError `<label> answered <value> for <tool>: expected ...` for anything
 * else, including a misspelt string and an object with an unknown or mistyped field.
 */
export function toApprovalDecision(answer: unknown, source: AnswerSource): ApprovalDecision | "prompt" {
  if (answer === "approve") return { type: "approved" };
  if (answer === "reject") return { type: "denied", note: `rejected by the ${source.label}` };
  if (answer === "prompt") return "prompt";
  const parsed = DecisionObject.safeParse(answer);
  if (parsed.success) return withoutUndefined(parsed.data);
  throw new ConfigError(
    `${capitalize(source.label)} answered ${show(answer)} for ${source.toolName}: ${EXPECTED}`,
  );
}

/** Names a function gets from the option it was written in, which say nothing. */
const INFERRED_NAMES = new Set(["", "approval", "decide", "prompt"]);

/** The label of a policy function: its name when it has one of its own. */
export function policyLabel(kind: "policy" | "prompt", callable: (...args: never[]) => unknown): string {
  const name = INFERRED_NAMES.has(callable.name) ? "" : ` '${callable.name}'`;
  return kind === "policy" ? `approval policy${name}` : `approval prompt${name}`;
}

function withoutUndefined(decision: ApprovalDecision): ApprovalDecision {
  if (decision.type === "approved") return decision.remember ? decision : { type: "approved" };
  return decision.note === undefined ? { type: "denied" } : decision;
}

function show(value: unknown): string {
  if (value === undefined) return "undefined (did it forget to return?)";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol" || typeof value === "bigint") return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) return Object.prototype.toString.call(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
