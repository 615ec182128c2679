/**
 * @module A scripted language model for tests: a list of responses, served in order.
 */
import type { LanguageModelV4CallOptions, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { MockLanguageModelV4 } from "ai/test";
import { type ModelStep, type ModelStepPart, stepToStreamParts, streamOf } from "../models/model-step.js";

/** One scripted response: a step, an error to throw, or a function of the request. */
export type ScriptStep =
  | ModelStep
  | { error: unknown }
  | ((call: LanguageModelV4CallOptions) => ModelStep | { error: unknown });

/** A scripted model: the AI SDK mock plus a record of calls and a completeness check. */
export interface ScriptedModel extends MockLanguageModelV4 {
  /** Every request the model received, in order. */
  readonly calls: LanguageModelV4CallOptions[];
  /** Steps not yet used. */
  readonly remaining: number;
  /** Throws when steps are left unused. */
  assertComplete(): void;
}

/** A response with text. */
export function text(value: string, usage?: ModelStep["usage"]): ModelStep {
  return { parts: [{ type: "text", text: value }], ...(usage ? { usage } : {}) };
}

/** A response with one tool call. */
export function toolCall(toolName: string, input: unknown, toolCallId?: string): ModelStep {
  return { parts: [{ type: "tool-call", toolName, input, ...(toolCallId ? { toolCallId } : {}) }] };
}

/** A response with several parts, e.g. parallel tool calls or text plus a call. */
export function step(...parts: Array<ModelStepPart | ModelStep>): ModelStep {
  return { parts: parts.flatMap((part) => ("parts" in part ? part.parts : [part])) };
}

/** A request that fails with this error (thrown by the model, as a provider would). */
export function fail(error: unknown): { error: unknown } {
  return { error };
}

/** Creates a model that answers each request with the next step. */
export function scriptedModel(
  steps: readonly ScriptStep[],
  options: { modelId?: string } = {},
): ScriptedModel {
  const queue = [...steps];
  const calls: LanguageModelV4CallOptions[] = [];
  let counter = 0;
  const nextId = () => `call-${++counter}`;
  const take = (call: LanguageModelV4CallOptions): ModelStep => {
    calls.push(call);
    const next = queue.shift();
    if (next === undefined) {
      throw new Error(
        `scriptedModel: no step left for request ${calls.length} (the script has ${steps.length})`,
      );
    }
    const resolved = typeof next === "function" ? next(call) : next;
    if ("error" in resolved) throw resolved.error;
    return resolved;
  };
  const model = new MockLanguageModelV4({
    provider: "scripted",
    modelId: options.modelId ?? "scripted",
    doStream: async (call) => ({
      stream: streamOf<LanguageModelV4StreamPart>(stepToStreamParts(take(call), { nextId })),
    }),
  }) as ScriptedModel;
  Object.defineProperties(model, {
    calls: { value: calls },
    remaining: { get: () => queue.length },
    assertComplete: {
      value: () => {
        if (queue.length > 0)
          throw new Error(`scriptedModel: ${queue.length} of ${steps.length} steps were not used`);
      },
    },
  });
  return model;
}
