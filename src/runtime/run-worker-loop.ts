/**
 * @module A worker's model loop: the AI SDK's `streamText` with the worker's tools, whose
 * executions all go through the call runner. Streams text and usage as events.
 */
import {
  type FlexibleSchema,
  isStepCount,
  type ModelMessage,
  Output,
  streamText,
  type ToolSet,
  tool,
} from "ai";
import { AbortError, isLlmDoError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { estimateResponseCost } from "../models/estimate-cost.js";
import type { ResolvedModel } from "../models/resolve-model.js";
import { type RetryOptions, resolveRetryPolicy } from "../models/retry-policy.js";
import { addServerSideTools } from "../models/server-side-tools.js";
import { serverToolEvent } from "../models/server-tool-event.js";
import { toModelCallError } from "../models/to-model-call-error.js";
import { isAttemptDiscardedMarker, withRetries } from "../models/with-retries.js";
import type { ModelSettings, WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";
import { buildUserMessage } from "./build-user-message.js";
import type { CallRunner } from "./call-runner.js";
import type { Frame } from "./frame.js";
import { addUsage, type Usage } from "./usage.js";
import { withoutRawChunks } from "./without-raw-chunks.js";

/** What one worker run needs. */
export interface WorkerLoopOptions {
  frame: Frame;
  worker: WorkerDefinition;
  model: ResolvedModel;
  input: unknown;
  history?: ModelMessage[];
  bindings: ReadonlyMap<string, Binding>;
  runner: CallRunner;
  emit: (event: RunEvent) => void;
  cwd: string;
  maxSteps: number;
  outputSchema?: FlexibleSchema<unknown>;
  /** The error that ended the run, if any (it wins over the abort it caused). */
  fatalError: () => unknown;
  /** Called with each model response's usage, before it is added to the frame. */
  onModelUsage?: (usage: Usage) => void;
  /** How failed model requests are retried (default: the default policy). */
  retry?: RetryOptions;
}

/** What a worker run returns. */
export interface WorkerLoopResult {
  output: unknown;
  /** The whole conversation: history, the user message, and every response message. */
  messages: ModelMessage[];
}

/** Runs the worker's model loop to its final answer. */
export async function runWorkerLoop(options: WorkerLoopOptions): Promise<WorkerLoopResult> {
  const { frame, worker, model, emit } = options;
  const userMessage = await buildUserMessage(options.input, { cwd: options.cwd, workerName: worker.name });
  const messages: ModelMessage[] = [...(options.history ?? []), userMessage];
  // Calls the model started; a worker ends only after all of them did (also on abort), so a
  // nested call never ends after its caller.
  const inFlight = new Set<Promise<unknown>>();
  const tools = await addServerSideTools(
    buildTools(frame, options.bindings, options.runner, inFlight),
    worker,
    model,
  );
  const maxAttempts = resolveRetryPolicy(options.retry).maxAttempts;
  // Raw parts are asked for below only to see withRetries' marker; the provider sends none.
  const retryingModel = withRetries(withoutRawChunks(model.model), {
    modelId: model.id,
    ...(options.retry ? { retry: options.retry } : {}),
    onRetry: (notice) =>
      emit({ type: "model-retry", callId: frame.callId, path: frame.path, model: model.id, ...notice }),
  });
  let step = 0;
  // The final text and messages as the SDK reports them when the loop ends. Its getters (`text`,
  // `responseMessages`) would each tee the run's buffered stream and replay it once more.
  let ended: { text: string; responseMessages: ModelMessage[] } | undefined;
  const result = streamText({
    model: retryingModel,
    // One retry layer: ours (withRetries). The SDK's stream retries re-run a step whose stream
    // failed midway, dropping the partial output; withRetries decides whether and when.
    maxRetries: 0,
    ...(maxAttempts > 1 ? { streamRetries: maxAttempts - 1 } : {}),
    includeRawChunks: true,
    ...(worker.instructions ? { instructions: worker.instructions } : {}),
    messages,
    tools,
    stopWhen: isStepCount(options.maxSteps),
    // Its own signal: the SDK adds listeners to it for every step, and many workers sharing the
    // run's one signal would make each addition slower (EventTarget checks for duplicates).
    abortSignal: AbortSignal.any([frame.signal]),
    ...settingsOf(worker.modelSettings),
    ...(options.outputSchema ? { output: Output.object({ schema: options.outputSchema }) } : {}),
    onError: () => {},
    onEnd: (event) => {
      ended = { text: event.text, responseMessages: event.responseMessages };
    },
    onLanguageModelCallEnd: (event) => {
      step += 1;
      const inputTokens = event.usage.inputTokens ?? 0;
      const outputTokens = event.usage.outputTokens ?? 0;
      const usage = {
        inputTokens,
        outputTokens,
        totalTokens: event.usage.totalTokens ?? inputTokens + outputTokens,
        requests: 1,
      };
      options.onModelUsage?.(usage);
      addUsage(frame.usage, usage);
      emit({
        type: "model-response",
        callId: frame.callId,
        path: frame.path,
        step,
        model: model.id,
        usage,
        finishReason: event.finishReason,
        cost: estimateResponseCost(model.id, event.usage),
      });
    },
  });
  const texts = new Map<string, string>();
  const attempt = { text: "", reasoning: "" };
  let failure: unknown;
  for await (const part of result.stream) {
    switch (part.type) {
      case "text-delta":
        texts.set(part.id, (texts.get(part.id) ?? "") + part.text);
        attempt.text += part.text;
        emit({ type: "text-delta", callId: frame.callId, path: frame.path, text: part.text });
        break;
      case "text-end":
        emit({ type: "text-end", callId: frame.callId, path: frame.path, text: texts.get(part.id) ?? "" });
        texts.delete(part.id);
        break;
      case "reasoning-delta":
        attempt.reasoning += part.text;
        emit({ type: "reasoning-delta", callId: frame.callId, path: frame.path, text: part.text });
        break;
      case "finish-step":
        attempt.text = "";
        attempt.reasoning = "";
        break;
      case "raw":
        if (isAttemptDiscardedMarker(part.rawValue)) {
          emit({
            type: "model-output-discarded",
            callId: frame.callId,
            path: frame.path,
            step: step + 1,
            ...attempt,
          });
          attempt.text = "";
          attempt.reasoning = "";
        }
        break;
      case "tool-call":
      case "tool-result":
      case "tool-error": {
        const event = serverToolEvent(part, frame);
        if (event) emit(event);
        break;
      }
      case "error":
        failure ??= part.error;
        break;
      case "abort":
        failure ??= new AbortError();
        break;
    }
  }
  await Promise.allSettled([...inFlight]);
  const fatal = options.fatalError();
  if (fatal !== undefined) throw fatal;
  if (failure !== undefined || frame.signal.aborted) {
    if (frame.signal.aborted) throw new AbortError();
    throw isLlmDoError(failure) ? failure : toModelCallError(failure, model.id);
  }
  const output = options.outputSchema ? await result.output : (ended?.text ?? (await result.text));
  const responseMessages = ended?.responseMessages ?? (await result.responseMessages);
  return { output, messages: [...messages, ...responseMessages] };
}

function buildTools(
  frame: Frame,
  bindings: ReadonlyMap<string, Binding>,
  runner: CallRunner,
  inFlight: Set<Promise<unknown>>,
): ToolSet {
  const tools: ToolSet = {};
  for (const binding of bindings.values()) {
    tools[binding.name] = tool({
      description: binding.description,
      inputSchema: binding.inputSchema,
      execute: (input: unknown, { toolCallId }: { toolCallId: string }) => {
        const call = runner.callFromModel(frame, binding, input, toolCallId);
        inFlight.add(call);
        call.then(
          () => inFlight.delete(call),
          () => inFlight.delete(call),
        );
        return call;
      },
    });
  }
  return tools;
}

function settingsOf(settings: ModelSettings) {
  const { providerOptions, ...rest } = settings;
  return {
    ...rest,
    ...(providerOptions ? { providerOptions: providerOptions as Record<string, Record<string, never>> } : {}),
  };
}
