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
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { toJsonSafe } from "../cli/to-json-safe.js";
import {
  ApprovalDeniedError,
  DurableStateError,
  errorMessage,
  InputValidationError,
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

  return {
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
      const inner = resolved.model;
      const queue = options.modelRequests?.queueOf(resolved.id);
      const send = async (key: string, callOptions: LanguageModelV4CallOptions) => {
        if (queue === undefined || !options.modelRequests) return inner.doStream(callOptions);
        const requestId = `${steps.workflowId} @ ${key}`;
        const parts = await options.modelRequests.send(queue, requestId, resolved.id, callOptions);
        return { stream: streamOfParts(parts) };
      };
      const doStream = async (callOptions: LanguageModelV4CallOptions) => {
        const place = keys.beginRequest(frame.callId);
        if (steps.has(place.key)) {
          replayedSteps += 1;
          keys.completeRequest(frame.callId, place.step);
          const { parts } = steps.get(place.key) as ModelStepRecord;
          return { stream: streamOfParts(decodeStreamParts(parts)) };
        }
        const result = await send(place.key, callOptions);
        const stream = result.stream.pipeThrough(
          recordWhenFinished(async (parts) => {
            await record(place.key, { parts: encodeStreamParts(parts) } satisfies ModelStepRecord);
            keys.completeRequest(frame.callId, place.step);
          }),
        );
        return { ...result, stream };
      };
      return { id: resolved.id, model: withDoStream(inner, doStream) };
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

function withDoStream(model: LanguageModelV4, doStream: LanguageModelV4["doStream"]): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    doGenerate: (options) => model.doGenerate(options),
    doStream,
  };
}

function describeToolError(error: unknown): Extract<ToolStepRecord, { type: "error" }>["error"] {
  const fields = error as { code?: unknown; kind?: unknown };
  return {
    ...(typeof fields.code === "string" ? { code: fields.code } : {}),
    message: errorMessage(error),
    ...(fields.kind === "denied" || fields.kind === "blocked" ? { kind: fields.kind } : {}),
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
