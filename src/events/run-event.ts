/**
 * @module The one event stream every output mode consumes (headless, JSON, TUI, traces).
 *
 * Contract: every `run-start` has exactly one `run-end`, and every `call-start` exactly one
 * `call-end` with the same `callId`, also on error and abort. Events are plain JSON values.
 */
import type { ApprovalDecider, ApprovalDecision, ApprovalRequest } from "../approvals/approval-types.js";
import type { DecisionSignature } from "../approvals/decision-log.js";
import type { ModelCost } from "../models/estimate-cost.js";
import type { RetryNotice } from "../models/retry-notice.js";
import type { Usage } from "../runtime/usage.js";

/** The version of the event schema; written in the first NDJSON record. */
export const EVENT_SCHEMA_VERSION = 1;

/** An error as data. */
export interface SerializedError {
  /** The error class, e.g. `ToolExecutionError`. */
  name: string;
  /** The stable llm-do code, when it is one of ours. */
  code?: string;
  /** The message. */
  message: string;
}

/** How a call ended. */
export type CallOutcome = "ok" | "error" | "denied" | "blocked" | "aborted";

/** What kind of callable a call ran. */
export type CallKind = "worker" | "tool";

export type RunEvent =
  | { type: "run-start"; runId: string; entry: string; input: unknown; time: string }
  | {
      type: "run-end";
      runId: string;
      outcome: "ok" | "error" | "aborted";
      output?: unknown;
      error?: SerializedError;
      usage: Usage;
      durationMs: number;
    }
  | {
      type: "call-start";
      callId: string;
      parentCallId?: string;
      name: string;
      kind: CallKind;
      path: string[];
      depth: number;
      input: unknown;
      /** Set for workers: the resolved model, as `provider:model-id`. */
      model?: string;
      /** Set when the model made the call. */
      toolCallId?: string;
    }
  | {
      type: "call-end";
      callId: string;
      name: string;
      kind: CallKind;
      path: string[];
      outcome: CallOutcome;
      output?: unknown;
      error?: SerializedError;
      /** The usage of this call's whole subtree. */
      usage: Usage;
      durationMs: number;
    }
  | { type: "text-delta"; callId: string; path: string[]; text: string }
  | { type: "text-end"; callId: string; path: string[]; text: string }
  | { type: "reasoning-delta"; callId: string; path: string[]; text: string }
  | {
      type: "model-response";
      callId: string;
      path: string[];
      /** 1-based step of this worker's tool loop. */
      step: number;
      model: string;
      usage: Usage;
      finishReason: string;
      /** The estimated cost of this response; unpriced models say so (see `totalCost`). */
      cost: ModelCost;
    }
  | ({ type: "model-retry"; callId: string; path: string[]; model: string } & RetryNotice)
  | {
      /** The output streamed by a failed attempt, which the retry replaces: drop it from views. */
      type: "model-output-discarded";
      callId: string;
      path: string[];
      /** The step (1-based) that is being retried. */
      step: number;
      /** The text already sent in `text-delta` events for the failed attempt. */
      text: string;
      /** The reasoning already sent in `reasoning-delta` events for the failed attempt. */
      reasoning: string;
    }
  | {
      /** A tool the provider runs itself (`server_side_tools`), called by the model. */
      type: "server-tool-call";
      callId: string;
      path: string[];
      toolCallId: string;
      toolName: string;
      input: unknown;
    }
  | {
      type: "server-tool-result";
      callId: string;
      path: string[];
      toolCallId: string;
      toolName: string;
      output: unknown;
      /** True when the provider reported the call as failed. */
      isError: boolean;
    }
  | { type: "approval-request"; callId: string; request: ApprovalRequest }
  | {
      type: "approval-response";
      callId: string;
      toolName: string;
      decision: ApprovalDecision | { type: "blocked"; reason: string };
      decidedBy: ApprovalDecider;
      /** Who decided and when, for a decision made through `llm-do approvals` (or a timeout). */
      signature?: DecisionSignature;
    }
  | { type: "error"; callId?: string; path?: string[]; error: SerializedError }
  | {
      /**
       * Something the user should know that does not stop the run, e.g. shell commands running
       * without a sandbox. Each distinct message comes once per run.
       */
      type: "warning";
      message: string;
    }
  | {
      /** A replayed run diverged from its recording (`--model replay:FILE`). */
      type: "replay-drift";
      /** The exchange or approval key, e.g. `main/1 > analyzer/2`. */
      key: string;
      /** The names on the key's call path. */
      path: string[];
      /** Names the call path, the step and the difference. */
      message: string;
      /** True when the drift ends the run (`--replay-drift fail`, the default). */
      fatal: boolean;
    };

/** The event of a given type. */
export type RunEventOf<Type extends RunEvent["type"]> = Extract<RunEvent, { type: Type }>;
