/**
 * @module A worker's model loop: the AI SDK's `generateText` with the worker's tools, whose
 * executions all go through the call runner. The model is asked for streams
 * ({@link generateFromStreamMiddleware}), whose text, reasoning and usage become events as they
 * arrive.
 */

import type { LanguageModelV4Middleware } from "@ai-sdk/provider";
import {
  type FlexibleSchema,
  generateText,
  isStepCount,
  type ModelMessage,
  Output,
  type ToolSet,
  tool,
  wrapLanguageModel,
} from "ai";
import { AbortError, isLlmDoError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { estimateResponseCost } from "../models/estimate-cost.js";
import { generateFromStreamMiddleware } from "../models/generate-from-stream-middleware.js";
import { planPromptCache, promptCacheMiddleware } from "../models/prompt-cache.js";
import type { RequestTimeouts } from "../models/request-timeouts.js";
import type { ResolvedModel } from "../models/resolve-model.js";
import { retryMiddleware } from "../models/retry-middleware.js";
import type { RetryOptions } from "../models/retry-policy.js";
import { addServerSideTools } from "../models/server-side-tools.js";
import { toModelCallError } from "../models/to-model-call-error.js";
import type { ModelSettings, WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";
import { buildUserMessage } from "./build-user-message.js";
import type { CallRunner } from "./call-runner.js";
import type { Frame } from "./frame.js";
import { outputSchemaError } from "./output-schema-error.js";
import { ResponseEvents } from "./response-events.js";
import { stepLimitError } from "./run-limits.js";
import { addUsage, responseUsage, type Usage } from "./usage.js";

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
  /** Most model requests in the tool loop; a loop still calling tools at the limit fails. */
  maxSteps: number;
  /** How long each attempt of a model request may stall or take. */
  timeouts: RequestTimeouts;
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
  const events = new ResponseEvents(frame, emit, model.id);
  const retryingModel = wrapLanguageModel({
    model: model.model,
    // Outermost first: each attempt reads a whole stream, with the worker's cache marks.
    middleware: [
      retryMiddleware({
        modelId: model.id,
        ...(options.retry ? { retry: options.retry } : {}),
        onRetry: (notice) => events.onRetry(notice),
      }),
      generateFromStreamMiddleware((part, response) => events.onPart(part, response), {
        timeouts: options.timeouts,
      }),
      ...promptCacheOf(model, worker),
    ],
  });
  let outcome: { output: unknown; responseMessages: ModelMessage[] } | undefined;
  let failure: unknown;
  try {
    const result = await generateText({
      model: retryingModel,
      // One retry layer: ours (retryMiddleware), which also retries a response that broke off.
      maxRetries: 0,
      ...(worker.instructions ? { instructions: worker.instructions } : {}),
      messages,
      tools,
      stopWhen: isStepCount(options.maxSteps),
      // Its own signal: the SDK adds listeners to it for every step, and many workers sharing
      // the run's one signal would make each addition slower (EventTarget checks for duplicates).
      abortSignal: AbortSignal.any([frame.signal]),
      ...settingsOf(worker.modelSettings),
      ...(options.outputSchema ? { output: Output.object({ schema: options.outputSchema }) } : {}),
      onLanguageModelCallEnd: (event) => {
        const step = events.onResponseEnd();
        const usage = responseUsage(event.usage);
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
          cost: estimateResponseCost(model.id, event.usage, {
            ...(worker.promptCache === "1h" ? { cacheWriteTtl: "1h" as const } : {}),
          }),
        });
      },
    });
    // At the step limit with tool calls still coming, the last text is interim, not an answer.
    const limitReached = stepLimitError(
      { name: worker.name, callPath: frame.path },
      {
        steps: result.steps.length,
        lastStepCalledTools: (result.steps.at(-1)?.toolCalls.length ?? 0) > 0,
        maxSteps: options.maxSteps,
      },
    );
    if (limitReached) throw limitReached;
    outcome = {
      output: options.outputSchema ? result.output : result.text,
      responseMessages: result.responseMessages,
    };
  } catch (error) {
    failure = error;
  }
  await Promise.allSettled([...inFlight]);
  const fatal = options.fatalError();
  if (fatal !== undefined) throw fatal;
  if (frame.signal.aborted) throw new AbortError();
  if (!outcome) {
    if (isLlmDoError(failure)) throw failure;
    throw outputSchemaError(failure, worker.name, model.id) ?? toModelCallError(failure, model.id);
  }
  return { output: outcome.output, messages: [...messages, ...outcome.responseMessages] };
}

/** The middleware that puts the worker's prompt-cache marks on every request, if its provider takes any. */
function promptCacheOf(model: ResolvedModel, worker: WorkerDefinition): LanguageModelV4Middleware[] {
  const plan = planPromptCache(model.model.provider, worker.promptCache, worker.name);
  return plan.type === "none" ? [] : [promptCacheMiddleware(plan)];
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
