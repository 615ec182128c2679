/**
 * @module Model requests as workflows on their provider's queue, so that the provider's rate
 * limit (see `provider-rate-limits.ts`) holds over every process: a durable run asks for a
 * request by putting the workflow `llm-do.model-request` (the model and the call options, as JSON)
 * on the queue, and whichever process takes it sends the request with its own keys and returns
 * the whole response (its stream parts). The run then streams those parts as if they came from
 * the provider, and records them as its step.
 *
 * A request's workflow id is its run's and its step's (`RUN @ main/2`): a run resumed after a
 * kill finds the request it had in flight (waiting, running elsewhere, or answered) instead of
 * sending another. Its record stays: DBOS counts the requests of a rate limit's period from them.
 * A failed request is returned as data (status, headers, retryability) and thrown again in the run, where
 * the retry layer (`with-retries.ts`) retries it, honouring `retry-after`, as a new workflow.
 */
import { AsyncResource } from "node:async_hooks";
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { DBOS } from "@dbos-inc/dbos-sdk";
import { InternalError } from "../errors.js";
import { defaultRequestTimeouts } from "../models/request-timeouts.js";
import { type DurableEngine, SHARED_PARTITION } from "./durable-engine.js";
import { describeModelError, type ModelRequestError, reviveModelError } from "./model-request-error.js";
import { type RateLimits, rateLimitOf } from "./provider-rate-limits.js";
import {
  decodeJsonValue,
  decodeStreamParts,
  encodeJsonValue,
  encodeStreamParts,
} from "./stream-parts-codec.js";

/** What the workflow of a request gets. */
interface ModelRequestArguments {
  /** `provider:model-id`. */
  model: string;
  /** The call options without their signal, encoded. */
  options: unknown;
}

/** What the workflow of a request returns. */
type ModelRequestOutcome = { type: "ok"; parts: unknown[] } | { type: "error"; error: ModelRequestError };

/** Makes the model of a `provider:model-id` in the process that sends the request. */
export type ModelFactory = (modelId: string) => Promise<LanguageModelV4>;

let factory: ModelFactory | undefined;

const modelRequest = DBOS.registerWorkflow(
  async (args: ModelRequestArguments): Promise<ModelRequestOutcome> => {
    if (!factory) throw new InternalError(`no model factory in this process for a request to ${args.model}`);
    try {
      const model = await factory(args.model);
      const options = decodeJsonValue(args.options) as LanguageModelV4CallOptions;
      const { stream } = await model.doStream({
        ...options,
        abortSignal: AbortSignal.timeout(defaultRequestTimeouts.requestMs),
      });
      const parts: LanguageModelV4StreamPart[] = [];
      for await (const part of stream) parts.push(part);
      return { type: "ok", parts: encodeStreamParts(parts) };
    } catch (error) {
      return { type: "error", error: describeModelError(error) };
    }
  },
  { name: "llm-do.model-request" },
);

/** Sets how this process makes models for the requests it takes from queues. */
export function serveModelRequests(make: ModelFactory): void {
  factory = make;
}

/** Sends model requests through their provider's queue. */
export interface QueuedModelRequests {
  /** The queue of a model's requests; undefined when the model is called directly. */
  queueOf(modelId: string): string | undefined;
  /**
   * Sends one request as the workflow `requestId` on `queue` (or finds the one sent before) and
   * returns the response's parts. Contract: throws what the provider threw (revived), or the
   * signal's reason when aborted.
   */
  send(
    queue: string,
    requestId: string,
    modelId: string,
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4StreamPart[]>;
}

/** Creates the sender of a process, for the limits in force. */
export function queuedModelRequests(engine: DurableEngine, limits: RateLimits): QueuedModelRequests {
  // Workflows are started and read outside the calling run's workflow context (DBOS would take
  // them for steps of the run, numbered by the order they start).
  const outside = new AsyncResource("llm-do.model-requests");
  const atOutside = <T>(work: () => Promise<T>): Promise<T> => outside.runInAsyncScope(work);
  return {
    queueOf: (modelId) => rateLimitOf(limits, modelId)?.queue,
    async send(queue, requestId, modelId, options) {
      const { abortSignal, includeRawChunks: _raw, ...rest } = options;
      abortSignal?.throwIfAborted();
      await atOutside(async () => {
        const status = await DBOS.getWorkflowStatus(requestId);
        if (status && ["SUCCESS", "ERROR", "PENDING", "ENQUEUED"].includes(status.status)) return;
        if (status) await DBOS.deleteWorkflow(requestId);
        const args: ModelRequestArguments = { model: modelId, options: encodeJsonValue(rest) };
        await DBOS.startWorkflow(modelRequest, {
          workflowID: requestId,
          queueName: queue,
          enqueueOptions: { queuePartitionKey: SHARED_PARTITION },
        })(args);
      });
      const outcome = (await untilAborted(
        atOutside(() => engine.result<ModelRequestOutcome>(requestId)),
        abortSignal,
      )) as ModelRequestOutcome;
      if (outcome.type === "error") {
        // Asked again under the same id. (A refused request, a 429, no longer counts toward the
        // limit; providers do not count it either.)
        await engine.forget(requestId).catch(() => {});
        throw reviveModelError(outcome.error);
      }
      return decodeStreamParts(outcome.parts);
    },
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
