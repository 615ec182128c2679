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
import { AbortError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import type { ResolvedModel } from "../models/resolve-model.js";
import { toModelCallError } from "../models/to-model-call-error.js";
import type { ModelSettings, WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";
import { buildUserMessage } from "./build-user-message.js";
import type { CallRunner } from "./call-runner.js";
import type { Frame } from "./frame.js";
import { addUsage, type Usage } from "./usage.js";

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
  let step = 0;
  const result = streamText({
    model: model.model,
    ...(worker.instructions ? { instructions: worker.instructions } : {}),
    messages,
    tools: buildTools(frame, options.bindings, options.runner),
    stopWhen: isStepCount(options.maxSteps),
    abortSignal: frame.signal,
    ...settingsOf(worker.modelSettings),
    ...(options.outputSchema ? { output: Output.object({ schema: options.outputSchema }) } : {}),
    onError: () => {},
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
      });
    },
  });
  const texts = new Map<string, string>();
  let failure: unknown;
  for await (const part of result.stream) {
    switch (part.type) {
      case "text-delta":
        texts.set(part.id, (texts.get(part.id) ?? "") + part.text);
        emit({ type: "text-delta", callId: frame.callId, path: frame.path, text: part.text });
        break;
      case "text-end":
        emit({ type: "text-end", callId: frame.callId, path: frame.path, text: texts.get(part.id) ?? "" });
        texts.delete(part.id);
        break;
      case "reasoning-delta":
        emit({ type: "reasoning-delta", callId: frame.callId, path: frame.path, text: part.text });
        break;
      case "error":
        failure ??= part.error;
        break;
      case "abort":
        failure ??= new AbortError();
        break;
    }
  }
  const fatal = options.fatalError();
  if (fatal !== undefined) throw fatal;
  if (failure !== undefined || frame.signal.aborted) {
    if (frame.signal.aborted) throw new AbortError();
    throw toModelCallError(failure, model.id);
  }
  const output = options.outputSchema ? await result.output : await result.text;
  return { output, messages: [...messages, ...(await result.responseMessages)] };
}

function buildTools(frame: Frame, bindings: ReadonlyMap<string, Binding>, runner: CallRunner): ToolSet {
  const tools: ToolSet = {};
  for (const binding of bindings.values()) {
    tools[binding.name] = tool({
      description: binding.description,
      inputSchema: binding.inputSchema,
      execute: (input: unknown, { toolCallId }: { toolCallId: string }) =>
        runner.callFromModel(frame, binding, input, toolCallId),
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
