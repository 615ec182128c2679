/**
 * @module The gate every call passes before it executes: classify, then (if needed) ask the
 * policy, one request at a time, remembering session approvals.
 */
import { AbortError, ApprovalDeniedError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import type { NormalizedPolicy } from "./approval-policy.js";
import type { ApprovalSession } from "./approval-session.js";
import type { ApprovalCheck, ApprovalDecider, ApprovalDecision, ApprovalRequest } from "./approval-types.js";

/** One call at the gate. */
export interface GateCall {
  callId: string;
  request: ApprovalRequest;
  check: ApprovalCheck;
  signal: AbortSignal;
}

/** Options for {@link ApprovalGate}. */
export interface ApprovalGateOptions {
  policy: NormalizedPolicy;
  session: ApprovalSession;
  emit: (event: RunEvent) => void;
}

/** Blocks calls until they are decided. */
export class ApprovalGate {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ApprovalGateOptions) {}

  /**
   * Resolves when the call may run. Contract: rejects with ApprovalDeniedError when it is blocked
   * or denied (`failsRun` set when the policy fails the run), with AbortError when the signal
   * aborts while waiting.
   */
  async pass(call: GateCall): Promise<void> {
    const { request, check } = call;
    if (check.type === "pre-approved") return;
    if (check.type === "blocked") {
      this.respond(call, { type: "blocked", reason: check.reason }, "classifier");
      throw new ApprovalDeniedError(
        request.toolName,
        `Blocked ${request.toolName}: ${check.reason}`,
        "blocked",
      );
    }
    this.options.emit({ type: "approval-request", callId: call.callId, request });
    const turn = this.#queue.then(() => this.decide(call));
    this.#queue = turn.catch(() => undefined);
    const decision = await raceAbort(turn, call.signal);
    if (decision.type === "approved") return;
    const note = decision.note ?? "no reason given";
    throw new ApprovalDeniedError(
      request.toolName,
      `Approval denied for ${request.toolName}: ${note}`,
      "denied",
      this.options.policy.failsRun,
    );
  }

  private async decide(call: GateCall): Promise<ApprovalDecision> {
    const { request } = call;
    if (call.signal.aborted) throw new AbortError();
    if (this.options.session.has(request.toolName, request.input)) {
      const decision: ApprovalDecision = { type: "approved", remember: "session" };
      this.respond(call, decision, "session");
      return decision;
    }
    const decision = await this.options.policy.decide(request);
    if (decision.type === "approved" && decision.remember === "session") {
      this.options.session.remember(request.toolName, request.input);
    }
    this.respond(call, decision, this.options.policy.decidedBy);
    return decision;
  }

  private respond(
    call: GateCall,
    decision: ApprovalDecision | { type: "blocked"; reason: string },
    decidedBy: ApprovalDecider,
  ): void {
    this.options.emit({
      type: "approval-response",
      callId: call.callId,
      toolName: call.request.toolName,
      decision,
      decidedBy,
    });
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortError());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
