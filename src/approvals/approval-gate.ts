/**
 * @module The gate every call passes before it executes: classify, then (if needed) ask the
 * policy, one request at a time and in the order the calls were made, remembering session
 * approvals.
 */
import { AbortError, ApprovalDeniedError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import type { NormalizedPolicy } from "./approval-policy.js";
import type { ApprovalSession } from "./approval-session.js";
import type { ApprovalCheck, ApprovalDecision, ApprovalRequest } from "./approval-types.js";
import type { DecisionLog, GateDecision } from "./decision-log.js";
import { createGateQueue, type GateQueue, type GateTicket } from "./gate-queue.js";

/** One call at the gate. */
export interface GateCall {
  callId: string;
  request: ApprovalRequest;
  check: ApprovalCheck;
  signal: AbortSignal;
  /** The place the call took in line when it was made ({@link ApprovalGate.reserve}). */
  ticket: GateTicket;
}

/** Options for {@link ApprovalGate}. */
export interface ApprovalGateOptions {
  policy: NormalizedPolicy;
  session: ApprovalSession;
  emit: (event: RunEvent) => void;
  /** A durable run's decisions: read back on resume, recorded, and waited for (see `decision-log.ts`). */
  decisions?: DecisionLog;
}

/** Blocks calls until they are decided. */
export class ApprovalGate {
  readonly #queue: GateQueue = createGateQueue();

  constructor(private readonly options: ApprovalGateOptions) {}

  /**
   * Takes a place in line for a call that is being made. Calls that need approval are announced
   * and decided in the order of their tickets, whatever order their checks finish in (a model's
   * parallel calls are decided in the order the model made them).
   *
   * Contract: the caller releases the ticket (`ticket.release()`) once the call has passed or
   * failed; until then every later call that needs approval waits.
   */
  reserve(): GateTicket {
    return this.#queue.reserve();
  }

  /**
   * Resolves when the call may run. Contract: rejects with ApprovalDeniedError when it is blocked
   * or denied (`failsRun` set when the policy fails the run), with AbortError when the signal
   * aborts while waiting, and with ConfigError when the policy answers something invalid.
   * Releases the ticket in every case.
   */
  async pass(call: GateCall): Promise<void> {
    const { request, check, ticket } = call;
    let deciding: Promise<ApprovalDecision> | undefined;
    try {
      if (check.type === "pre-approved") return;
      if (check.type === "blocked") {
        this.respond(call, { decision: { type: "blocked", reason: check.reason }, decidedBy: "classifier" });
        throw new ApprovalDeniedError(
          request.toolName,
          `Blocked ${request.toolName}: ${check.reason}`,
          "blocked",
        );
      }
      await raceAbort(ticket.announceTurn, call.signal);
      this.options.emit({ type: "approval-request", callId: call.callId, request });
      ticket.announced();
      await raceAbort(ticket.decideTurn, call.signal);
      deciding = this.decide(call);
      const decision = await raceAbort(deciding, call.signal);
      if (decision.type === "approved") return;
      const note = decision.note ?? "no reason given";
      throw new ApprovalDeniedError(
        request.toolName,
        `Approval denied for ${request.toolName}: ${note}`,
        "denied",
        // A decision waited for is a person's: the model reads it, whatever the policy.
        this.options.decisions?.wait ? false : this.options.policy.failsRun,
      );
    } finally {
      // A call aborted while its prompt is open keeps its place until the prompt is answered.
      if (deciding) deciding.then(ticket.release, ticket.release);
      else ticket.release();
    }
  }

  private async decide(call: GateCall): Promise<ApprovalDecision> {
    const { request } = call;
    const log = this.options.decisions;
    const recorded = log?.recorded(call.callId);
    const decided = recorded ?? (await this.decideNow(call));
    if (decided.decision.type === "approved" && decided.decision.remember === "session") {
      this.options.session.remember(request.toolName, request.input);
    }
    if (!recorded) await log?.record(call.callId, decided);
    this.respond(call, decided);
    return decided.decision;
  }

  private async decideNow(call: GateCall): Promise<GateDecision> {
    const { request } = call;
    if (this.options.session.has(request.toolName, request.input)) {
      return { decision: { type: "approved", remember: "session" }, decidedBy: "session" };
    }
    const wait = this.options.decisions?.wait;
    if (wait) return wait(call.callId, request, call.signal);
    return this.options.policy.decide(request);
  }

  private respond(
    call: GateCall,
    decided: GateDecision | { decision: { type: "blocked"; reason: string }; decidedBy: "classifier" },
  ): void {
    this.options.emit({
      type: "approval-response",
      callId: call.callId,
      toolName: call.request.toolName,
      decision: decided.decision,
      decidedBy: decided.decidedBy,
      ...("signature" in decided && decided.signature ? { signature: decided.signature } : {}),
    });
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AbortError());
  const aborted = Promise.withResolvers<never>();
  const onAbort = () => aborted.reject(new AbortError());
  signal.addEventListener("abort", onAbort, { once: true });
  return Promise.race([promise, aborted.promise]).finally(() => signal.removeEventListener("abort", onAbort));
}
