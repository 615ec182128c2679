/**
 * @module The trace file (`--trace FILE`): a run's call tree with inputs and outputs (truncated),
 * timings, models, usage, estimated cost, approvals and errors. JSON, versioned.
 */
import type { ApprovalDecider } from "../approvals/approval-types.js";
import type { DecisionSignature } from "../approvals/decision-log.js";
import type { CallKind, CallOutcome, SerializedError } from "../events/run-event.js";
import type { CostTotal, ModelCost } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";

/** The `format` field of every trace file. */
export const TRACE_FORMAT = "llm-do-trace";
/** The version of the trace format. */
export const TRACE_VERSION = 1;

/** One model response inside a worker call. */
export interface TraceResponse {
  step: number;
  model: string;
  usage: Usage;
  cost: ModelCost;
  finishReason: string;
  /** When the response ended, in milliseconds since the run started. */
  atMs: number;
}

/** An approval decision for a call. */
export interface TraceApproval {
  decision: "approved" | "denied" | "blocked";
  decidedBy: ApprovalDecider;
  /** What the person or policy was shown, when asked. */
  description?: string;
  /** A denial note or the reason for a block. */
  note?: string;
  /** Who decided and when, for a decision made through `llm-do approvals` (or a timeout). */
  signature?: DecisionSignature;
}

/**
 * Something that happened to a call besides its result: a retry, a drift, an error event; or,
 * on the run, that the trace was cut (its run never ended).
 */
export interface TraceNote {
  atMs: number;
  kind: "retry" | "error" | "replay-drift" | "cut" | "warning";
  message: string;
}

/** One call: a worker or a tool. */
export interface TraceNode {
  callId: string;
  name: string;
  kind: CallKind;
  path: string[];
  /** Workers: the model they ran with. */
  model?: string;
  /** When the call started, in milliseconds since the run started. */
  startMs: number;
  /** How long it took (until the run ended, for a call that never ended). */
  durationMs: number;
  /** How it ended; `running` if the trace ended first. */
  outcome: CallOutcome | "running";
  /** The input, truncated. */
  input: unknown;
  /** The output, truncated (successful calls). */
  output?: unknown;
  error?: SerializedError;
  /** Tokens and requests of this call's whole subtree. */
  usage: Usage;
  /** The estimated cost of this call's whole subtree. */
  cost: CostTotal;
  /** This call's own model responses (workers). */
  responses: TraceResponse[];
  approvals: TraceApproval[];
  notes: TraceNote[];
  children: TraceNode[];
}

/** A whole trace file. */
export interface TraceDocument {
  format: typeof TRACE_FORMAT;
  version: number;
  runId: string;
  entry: string;
  /** The run's start, as an ISO date. */
  startedAt: string;
  durationMs: number;
  outcome: "ok" | "error" | "aborted" | "running";
  input: unknown;
  output?: unknown;
  error?: SerializedError;
  usage: Usage;
  cost: CostTotal;
  /** Notes that belong to no call (e.g. drift found when the run ended). */
  notes: TraceNote[];
  /** The entry call (and, for a code entry, its calls). */
  calls: TraceNode[];
}
