/**
 * @module One model response as plain data, and its conversion to a provider stream. Shared by
 * the scripted test model, the built-in offline models and replay.
 */
import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";

/** One part of a model response. */
export type ModelStepPart =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "tool-call"; toolName: string; input: unknown; toolCallId?: string };

/** One model response: what a single model request returns. */
export interface ModelStep {
  parts: ModelStepPart[];
  /** Token usage to report (default: a small fixed count so roll-ups are visible). */
  usage?: { inputTokens: number; outputTokens: number };
  /** Defaults to `tool-calls` when there are tool calls, else `stop`. */
  finishReason?: "stop" | "length" | "tool-calls" | "content-filter" | "other";
}

/** Converts our usage numbers to the provider format. */
export function toProviderUsage(usage: { inputTokens: number; outputTokens: number }): LanguageModelV4Usage {
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: usage.inputTokens,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: usage.outputTokens, text: usage.outputTokens, reasoning: undefined },
  };
}

/**
 * Turns a step into the stream parts a provider would send. Text is cut into chunks of
 * `chunkSize` characters so consumers see several deltas.
 */
export function stepToStreamParts(
  step: ModelStep,
  options: { nextId: () => string; chunkSize?: number },
): LanguageModelV4StreamPart[] {
  const chunkSize = options.chunkSize ?? 16;
  const parts: LanguageModelV4StreamPart[] = [{ type: "stream-start", warnings: [] }];
  let hasToolCalls = false;
  for (const part of step.parts) {
    if (part.type === "tool-call") {
      hasToolCalls = true;
      const toolCallId = part.toolCallId ?? options.nextId();
      parts.push({
        type: "tool-call",
        toolCallId,
        toolName: part.toolName,
        input: JSON.stringify(part.input ?? {}),
      });
      continue;
    }
    const id = options.nextId();
    const kind = part.type === "text" ? "text" : "reasoning";
    parts.push({ type: `${kind}-start`, id });
    for (let index = 0; index < part.text.length; index += chunkSize) {
      parts.push({ type: `${kind}-delta`, id, delta: part.text.slice(index, index + chunkSize) });
    }
    parts.push({ type: `${kind}-end`, id });
  }
  const finishReason = step.finishReason ?? (hasToolCalls ? "tool-calls" : "stop");
  parts.push({
    type: "finish",
    usage: toProviderUsage(step.usage ?? { inputTokens: 10, outputTokens: 5 }),
    finishReason: { unified: finishReason, raw: finishReason },
  });
  return parts;
}

/** A ReadableStream over the given parts. */
export function streamOf<T>(parts: readonly T[]): ReadableStream<T> {
  return new ReadableStream<T>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
