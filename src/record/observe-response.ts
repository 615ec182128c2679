/**
 * @module Watches a model response stream as it passes and collects what the recording keeps:
 * text, reasoning, tool calls, usage and the finish reason.
 */
import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import type { RecordedResponse, RecordedToolCall, RecordedUsage } from "./recording.js";

/**
 * Passes `stream` through unchanged and calls `onComplete` with the collected response when the
 * `finish` part arrives. Contract: not called for a stream that carried an `error` part, nor for
 * an `interrupted` finish (the stream ended without the provider's finish event: the attempt is
 * retried, not an answer).
 */
export function observeResponse(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  onComplete: (response: RecordedResponse) => void,
): ReadableStream<LanguageModelV4StreamPart> {
  let text = "";
  let reasoning = "";
  const toolCalls: RecordedToolCall[] = [];
  let failed = false;
  return stream.pipeThrough(
    new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
      transform(part, controller) {
        controller.enqueue(part);
        switch (part.type) {
          case "text-delta":
            text += part.delta;
            break;
          case "reasoning-delta":
            reasoning += part.delta;
            break;
          case "tool-call":
            if (!part.providerExecuted)
              toolCalls.push({ name: part.toolName, input: parseInput(part.input) });
            break;
          case "error":
            failed = true;
            break;
          case "finish":
            if (failed || part.finishReason.unified === "interrupted") break;
            onComplete({
              ...(reasoning ? { reasoning } : {}),
              ...(text || toolCalls.length === 0 ? { text } : {}),
              ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
              usage: recordedUsage(part.usage),
              ...finishReasonField(part.finishReason.unified, toolCalls.length > 0),
            });
            break;
        }
      },
    }),
  );
}

function parseInput(input: string): unknown {
  if (input.trim() === "") return {};
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

/** Provider usage as recorded (cache counts only when the provider reported them). */
export function recordedUsage(usage: LanguageModelV4Usage): RecordedUsage {
  const cacheRead = usage.inputTokens.cacheRead;
  const cacheWrite = usage.inputTokens.cacheWrite;
  return {
    input_tokens: usage.inputTokens.total ?? 0,
    output_tokens: usage.outputTokens.total ?? 0,
    ...(cacheRead ? { cache_read_tokens: cacheRead } : {}),
    ...(cacheWrite ? { cache_write_tokens: cacheWrite } : {}),
  };
}

function finishReasonField(reason: string, hasToolCalls: boolean): Pick<RecordedResponse, "finish_reason"> {
  const implied = hasToolCalls ? "tool-calls" : "stop";
  if (reason === implied) return {};
  const known = ["stop", "length", "tool-calls", "content-filter", "other"] as const;
  const value = known.find((candidate) => candidate === reason) ?? "other";
  return { finish_reason: value };
}
