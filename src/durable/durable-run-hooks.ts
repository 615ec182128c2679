/**
 * @module The steps of a durable run: every model request and every tool call that finishes is
 * recorded under its stable name (`main/1 > analyzer/2` for a request, `main/1 > write_file` for
 * a call, as in recordings), and a resumed run answers finished ones from their records. Requests
 * in flight when a run died are sent again; nothing that finished is.
 *
 * The requests of a rate-limited provider go through its queue (`queued-model-requests.ts`).
 *
 * A model response is recorded before the model's answer is acted on: the stream's last part
 * (`finish`) is held back until the record is written, so a tool the model asked for never runs
 * for a response that would be asked again.
 */
import type { LanguageModelV4Middleware, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { toJsonSafe } from "../cli/to-json-safe.js";
import {
  ApprovalDeniedError,
  DurableStateError,
  errorMessage,
  InputValidationError,
  isLlmDoError,
  NotFoundError,
  ToolExecutionError,
} from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import { CallKeys } from "../record/call-keys.js";
import { recordingOf } from "../record/replay-model.js";
import type { DurableHooks } from "../runtime/durable-hooks.js";
import type { Frame } from "../runtime/frame.js";
import { isFatalError } from "../runtime/is-fatal-error.js";
import { addUsage, type Usage } from "../runtime/usage.js";
import { errorCode } from "../util/error-code.js";
import { dbosMessageWait } from "./approvals/dbos-message-wait.js";
import { type ApprovalWaitOptions, createDurableDecisions } from "./approvals/durable-decisions.js";
import type { KeyedSteps } from "./keyed-steps.js";
import type { QueuedModelRequests } from "./queued-model-requests.js";
import { decodeStreamParts, encodeStreamParts, streamOfParts } from "./stream-parts-codec.js";
import { addTotal, SubtreeCosts } from "./subtree-costs.js";

/** A recorded model request. */
interface ModelStepRecord {
  parts: unknown[];
}

/** A recorded tool call: its outcome, and what its subtree used. */
type ToolStepRecord =
  | { type: "ok"; output: unknown; usage: Usage; cost: CostTotal }
  | {
      type: "error";
      error: { code?: string; message: string; kind?: "denied" | "blocked" };
      usage: Usage;
      cost: CostTotal;
    };

/** What a durable run's hooks tell the caller after the run. */
export interface DurableRunHooks extends DurableHooks {
  /** Steps answered from their records. */
  readonly replayedSteps: number;
  /** Steps recorded by this run. */
  readonly recordedSteps: number;
  /** The cost of recorded tool calls that were not run again (their model requests sent no events). */
  replayedCost(): CostTotal;
}

/** Options of {@link createDurableRunHooks}. */
export interface DurableRunHooksOptions {
  /**
   * Calls that need a person wait for a decision from `llm-do approvals` (when nobody in the
   * process decides them: no `--approve-all` or `--reject-all`).
   */
  approvals?: ApprovalWaitOptions;
  /** Sends the requests of rate-limited providers through their queues (else all go directly). */
  modelRequests?: QueuedModelRequests;
}

/** Creates the hooks of one durable run over its workflow's `steps`. */
export function createDurableRunHooks(
  steps: KeyedSteps,
  options: DurableRunHooksOptions = {},
): DurableRunHooks {
  const keys = new CallKeys();
  const costs = new SubtreeCosts();
  const replayed = emptyCostTotal();
  let fail: (error: unknown) => void = () => {};
  let replayedSteps = 0;
  let recordedSteps = 0;

  const record = async (name: string, value: unknown): Promise<void> => {
    try {
      await steps.record(name, value);
      recordedSteps += 1;
    } catch (error) {
      const failure = new DurableStateError(
        `durable run ${steps.workflowId}: cannot record step '${name}': ${errorMessage(error)}`,
        { cause: error },
      );
      fail(failure);
      throw failure;
    }
  };

  const approvals = createDurableDecisions({
    workflowId: steps.workflowId,
    keyOf: (callId) => keys.keyOf(callId),
    has: (name) => steps.has(name),
    get: (name) => steps.get(name),
    record,
    ...(options.approvals ? { wait: { ...options.approvals, receive: dbosMessageWait(steps) } } : {}),
  });

  return {
    approvals,
    get replayedSteps() {
      return replayedSteps;
    },
    get recordedSteps() {
      return recordedSteps;
    },
    replayedCost: () => ({ usd: replayed.usd, unpricedModels: [...replayed.unpricedModels] }),
    start(failRun) {
      fail = failRun;
    },
    onEvent(event: RunEvent) {
      keys.onEvent(event);
      costs.onEvent(event);
    },
    modelFor(frame, resolved) {
      // A replay already answers every request from its file.
      if (recordingOf(resolved.model)) return resolved;
      const queue = options.modelRequests?.queueOf(resolved.id);
      const stepMiddleware: LanguageModelV4Middleware = {
        specificationVersion: "v4",
        wrapStream: async ({ doStream, params }) => {
          const place = keys.beginRequest(frame.callId);
          if (steps.has(place.key)) {
            replayedSteps += 1;
            keys.completeRequest(frame.callId, place.step);
            const { parts } = steps.get(place.key) as ModelStepRecord;
            return { stream: streamOfParts(decodeStreamParts(parts)) };
          }
          const result =
            queue === undefined || !options.modelRequests
              ? await doStream()
              : {
                  stream: streamOfParts(
                    await options.modelRequests.send(
                      queue,
                      `${steps.workflowId} @ ${place.key}`,
                      resolved.id,
                      params,
                    ),
                  ),
                };
          const stream = result.stream.pipeThrough(
            recordWhenFinished(async (parts) => {
              await record(place.key, { parts: encodeStreamParts(parts) } satisfies ModelStepRecord);
              keys.completeRequest(frame.callId, place.step);
            }),
          );
          return { ...result, stream };
        },
      };
      return {
        id: resolved.id,
        model: wrapLanguageModel({ model: resolved.model, middleware: stepMiddleware }),
      };
    },
    async runTool(frame: Frame, execute: () => Promise<unknown>) {
      const name = keys.keyOf(frame.callId);
      if (name === undefined) return execute();
      if (steps.has(name)) {
        replayedSteps += 1;
        const recorded = steps.get(name) as ToolStepRecord;
        addUsage(frame.usage, recorded.usage);
        costs.addRecorded(frame.callId, recorded.cost);
        addTotal(replayed, recorded.cost);
        if (recorded.type === "ok") return recorded.output;
        throw reviveToolError(frame.name, recorded.error);
      }
      let outcome: { type: "ok"; output: unknown } | { type: "error"; error: unknown };
      try {
        outcome = { type: "ok", output: await execute() };
      } catch (error) {
        // Errors that end the run (an abort among them) leave the call unfinished: it runs again.
        if (isFatalError(error)) throw error;
        outcome = { type: "error", error };
      }
      const spent = { usage: { ...frame.usage }, cost: costs.costOf(frame.callId) };
      await record(
        name,
        (outcome.type === "ok"
          ? { type: "ok", output: toJsonSafe(outcome.output), ...spent }
          : { type: "error", error: describeToolError(outcome.error), ...spent }) satisfies ToolStepRecord,
      );
      if (outcome.type === "error") throw outcome.error;
      return outcome.output;
    },
  };
}

/**
 * Passes a response's parts through and, when the response is complete, calls `onComplete` with
 * all of them before letting the `finish` part go. A response that carried an error is not
 * recorded (it will be asked again).
 */
function recordWhenFinished(
  onComplete: (parts: LanguageModelV4StreamPart[]) => Promise<void>,
): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [];
  let failed = false;
  return new TransformStream({
    async transform(part, controller) {
      parts.push(part);
      if (part.type === "error") failed = true;
      if (part.type === "finish" && !failed) await onComplete(parts);
      controller.enqueue(part);
    },
  });
}

function describeToolError(error: unknown): Extract<ToolStepRecord, { type: "error" }>["error"] {
  const code = errorCode(error);
  return {
    ...(code !== undefined ? { code } : {}),
    message: errorMessage(error),
    ...(isLlmDoError(error, "APPROVAL_DENIED") ? { kind: error.kind } : {}),
  };
}

/** The error a recorded failed call threw, as the model and the calling code saw it. */
function reviveToolError(
  toolName: string,
  error: Extract<ToolStepRecord, { type: "error" }>["error"],
): Error {
  switch (error.code) {
    case "INPUT_INVALID":
      return new InputValidationError(error.message);
    case "NOT_FOUND":
      return new NotFoundError(error.message);
    case "APPROVAL_DENIED":
      return new ApprovalDeniedError(toolName, error.message, error.kind ?? "denied");
    default:
      return new ToolExecutionError(toolName, error.message);
  }
}
