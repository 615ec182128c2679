/**
 * @module The approval decisions of one durable run. Every decision the gate makes is a step
 * (`main/1 > write_file [approval]`), read back when the run is resumed, so a call is never
 * asked about twice. When nobody in the process can decide, a call that needs a person stores
 * its request (`approval-requests.ts`) and waits for a DBOS message, holding no state but the
 * database's: a killed process loses nothing, and the resumed run waits on for the same request
 * (or finds it decided meanwhile). A request with a timeout is denied when its time runs out,
 * counted from when it was first made.
 */
import type { ApprovalRequest } from "../../approvals/approval-types.js";
import type { DecisionLog, GateDecision } from "../../approvals/decision-log.js";
import { toJsonSafe } from "../../cli/to-json-safe.js";
import { AbortError, InternalError } from "../../errors.js";
import {
  type ApprovalRequests,
  type ApprovalState,
  approvalTopic,
  type StoredApprovalRequest,
} from "./approval-requests.js";
import type { MessageWait } from "./dbos-message-wait.js";

/** How long one wait for a message lasts before the request is read again (seconds). */
const LONGEST_WAIT_SECONDS = 3600;

/** How calls wait for a person. */
export interface ApprovalWaitOptions {
  requests: Pick<ApprovalRequests, "ensure" | "get" | "timeOut">;
  /** Milliseconds after its request a call is denied (none: it waits until decided). */
  timeoutMs?: number;
  /** Told about each request as it starts waiting (new, or found pending by a resumed run). */
  onPending?: (request: StoredApprovalRequest) => void;
  now?: () => number;
}

/** Options of {@link createDurableDecisions}. */
export interface DurableDecisionsOptions {
  workflowId: string;
  /** The stable key of a call (`main/1 > write_file`), once it has started. */
  keyOf: (callId: string) => string | undefined;
  has: (name: string) => boolean;
  get: (name: string) => unknown;
  /** Records a step (and fails the run when it cannot). */
  record: (name: string, value: unknown) => Promise<void>;
  /** Present when calls wait for a person. */
  wait?: ApprovalWaitOptions & { receive: MessageWait };
}

/** The step name of a call's decision. */
export function decisionStepName(callKey: string): string {
  return `${callKey} [approval]`;
}

/** Creates the decision log of one durable run. */
export function createDurableDecisions(options: DurableDecisionsOptions): DecisionLog {
  const stepOf = (callId: string) => {
    const key = options.keyOf(callId);
    return key === undefined ? undefined : decisionStepName(key);
  };
  const log: DecisionLog = {
    recorded(callId) {
      const name = stepOf(callId);
      return name !== undefined && options.has(name) ? (options.get(name) as GateDecision) : undefined;
    },
    async record(callId, decided) {
      const name = stepOf(callId);
      if (name !== undefined) await options.record(name, decided);
    },
  };
  const { wait } = options;
  if (!wait) return log;
  const now = wait.now ?? Date.now;
  log.wait = async (callId, request, signal) => {
    const callKey = options.keyOf(callId);
    if (callKey === undefined) throw new InternalError(`approval for call ${callId} before its call-start`);
    let stored = await wait.requests.ensure({
      workflowId: options.workflowId,
      callKey,
      ...describe(request),
      ...(wait.timeoutMs !== undefined ? { expiresAt: new Date(now() + wait.timeoutMs).toISOString() } : {}),
    });
    if (stored.state.type === "pending") wait.onPending?.(stored);
    while (stored.state.type === "pending") {
      if (signal.aborted) throw new AbortError();
      const remainingMs = stored.expiresAt !== undefined ? Date.parse(stored.expiresAt) - now() : undefined;
      if (remainingMs !== undefined && remainingMs <= 0) {
        stored = await wait.requests.timeOut(stored.id);
        continue;
      }
      const seconds =
        remainingMs === undefined ? LONGEST_WAIT_SECONDS : Math.min(LONGEST_WAIT_SECONDS, remainingMs / 1000);
      await wait.receive(approvalTopic(stored.id), seconds);
      stored = (await wait.requests.get(stored.id)) ?? stored;
    }
    return toGateDecision(stored, stored.state);
  };
  return log;
}

function describe(request: ApprovalRequest) {
  return {
    tool: request.toolName,
    input: toJsonSafe(request.input),
    description: request.description,
    callPath: request.callPath,
    caller: request.callPath.at(-2) ?? "(run)",
  };
}

/** What a decided request means to the gate (and the model, for a denial). */
export function toGateDecision(
  request: StoredApprovalRequest,
  state: Exclude<ApprovalState, { type: "pending" }>,
): GateDecision {
  switch (state.type) {
    case "approved":
      return {
        decision: { type: "approved", remember: state.remember },
        decidedBy: "user",
        signature: state.signature,
      };
    case "denied":
      return {
        decision: { type: "denied", note: state.note ?? `denied by ${state.signature.by}` },
        decidedBy: "user",
        signature: state.signature,
      };
    case "timed-out": {
      const waited = request.expiresAt ? Date.parse(request.expiresAt) - Date.parse(request.requestedAt) : 0;
      return {
        decision: { type: "denied", note: `nobody decided within ${formatWait(waited)} (timed out)` },
        decidedBy: "policy",
        signature: state.signature,
      };
    }
  }
}

function formatWait(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}
