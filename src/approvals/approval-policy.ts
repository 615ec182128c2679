/**
 * @module How calls that need approval are decided: by a person, a function, or a fixed rule.
 */
import { ConfigError, errorMessage, isLlmDoError } from "../errors.js";
import type { ApprovalDecision, ApprovalRequest, ApprovalResolver } from "./approval-types.js";
import { policyLabel, toApprovalDecision } from "./to-approval-decision.js";

/**
 * What a policy function answers: a decision object, `"approve"`, `"reject"`, or `"prompt"` to
 * leave the call to the person (`{ decide, prompt }`).
 */
export type PolicyAnswer = ApprovalDecision | "approve" | "reject" | "prompt";

/** Decides calls in code. */
export type ApprovalPolicyFunction = (request: ApprovalRequest) => PolicyAnswer | Promise<PolicyAnswer>;

/**
 * - `"approve_all"`: approve every call that needs approval (never a blocked one).
 * - `"reject_all"`: deny them; the model reads the denial and continues.
 * - `"fail"`: the first call that needs approval fails the run (headless default).
 * - `{ prompt }`: ask a person (the TUI, a web app); denials go back to the model.
 * - `{ decide, prompt }`: decide in code; calls it answers `"prompt"` for go to the person.
 * - a function: decide in code; denials go back to the model. It cannot answer `"prompt"`:
 *   nobody can be asked.
 *
 * Any other answer (a misspelt string, `undefined`, a malformed object) ends the run with an
 * error naming the policy and the value.
 */
export type ApprovalPolicy =
  | "approve_all"
  | "reject_all"
  | "fail"
  | { prompt: ApprovalResolver; decide?: ApprovalPolicyFunction }
  | ApprovalPolicyFunction;

/** A decision and who made it. */
export interface DecidedBy {
  decision: ApprovalDecision;
  decidedBy: "user" | "policy";
}

/** A policy in the one shape the gate uses. */
export interface NormalizedPolicy {
  /** Contract: rejects with ConfigError when the policy or the prompt answers something invalid. */
  decide(request: ApprovalRequest): Promise<DecidedBy>;
  /** True when a denial must end the run instead of reaching the model. */
  failsRun: boolean;
}

const fixed = (decision: ApprovalDecision, failsRun = false): NormalizedPolicy => ({
  decide: async () => ({ decision, decidedBy: "policy" }),
  failsRun,
});

/** Normalises a policy once, at run start. */
export function normalizePolicy(policy: ApprovalPolicy): NormalizedPolicy {
  if (policy === "approve_all") return fixed({ type: "approved" });
  if (policy === "reject_all") return fixed({ type: "denied", note: "--reject-all" });
  if (policy === "fail") {
    return fixed({ type: "denied", note: "use --approve-all to allow it in headless mode" }, true);
  }
  if (typeof policy === "function") {
    return {
      decide: async (request) => {
        const decided = await decideInCode(policy, request);
        if (decided !== "prompt") return decided;
        throw new ConfigError(
          `${capitalize(policyLabel("policy", policy))} answered "prompt" for ${request.toolName}, but nobody can be asked: pass { decide, prompt } to let a person answer`,
        );
      },
      failsRun: false,
    };
  }
  if (typeof policy === "object" && policy !== null && typeof policy.prompt === "function") {
    const { prompt, decide } = policy;
    return {
      decide: async (request) => {
        const decided = decide ? await decideInCode(decide, request) : "prompt";
        return decided === "prompt" ? ask(prompt, request) : decided;
      },
      failsRun: false,
    };
  }
  throw new ConfigError(
    `Unknown approval policy ${describePolicy(policy)}: use "approve_all", "reject_all", "fail", a function, or { prompt }`,
  );
}

/** The policy function's decision, or "prompt" when it leaves the call to a person. */
async function decideInCode(
  policy: ApprovalPolicyFunction,
  request: ApprovalRequest,
): Promise<DecidedBy | "prompt"> {
  const label = policyLabel("policy", policy);
  const answer = await answerOf(policy, request, label);
  const decision = toApprovalDecision(answer, { label, toolName: request.toolName });
  return decision === "prompt" ? "prompt" : { decision, decidedBy: "policy" };
}

async function ask(prompt: ApprovalResolver, request: ApprovalRequest): Promise<DecidedBy> {
  const label = policyLabel("prompt", prompt);
  const answer = await answerOf(prompt, request, label);
  const decision = toApprovalDecision(answer, { label, toolName: request.toolName });
  if (decision === "prompt") {
    throw new ConfigError(
      `${capitalize(label)} answered "prompt" for ${request.toolName}: a prompt must decide ("approve" or "reject")`,
    );
  }
  return { decision, decidedBy: "user" };
}

/**
 * What the function answered. Contract: an llm-do error it throws (an abort) passes through;
 * any other is a ConfigError naming the function and the call, which ends the run: a policy
 * that fails must not look like a denial the model can work around, nor like a tool's failure.
 */
async function answerOf(
  decide: ApprovalPolicyFunction | ApprovalResolver,
  request: ApprovalRequest,
  label: string,
): Promise<unknown> {
  try {
    return await decide(request);
  } catch (error) {
    if (isLlmDoError(error)) throw error;
    throw new ConfigError(`${capitalize(label)} failed for ${request.toolName}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function describePolicy(policy: unknown): string {
  if (typeof policy === "string") return JSON.stringify(policy);
  return policy === null ? "null" : `(${typeof policy})`;
}
