/**
 * @module The events for tool calls a provider executed itself (`server_side_tools`), from the
 * provider's stream parts.
 */
import type { LanguageModelV4ToolCall, LanguageModelV4ToolResult } from "@ai-sdk/provider";
import type { RunEvent } from "../events/run-event.js";

/** A stream part that may belong to a provider-executed tool. */
export type ToolStreamPart = LanguageModelV4ToolCall | LanguageModelV4ToolResult;

/**
 * The `server-tool-call` or `server-tool-result` event for a part, or undefined for a tool the
 * harness runs (those are reported by the call runner) and for a preliminary result. A provider
 * sends results only for tools it executed.
 */
export function serverToolEvent(
  part: ToolStreamPart,
  where: { callId: string; path: string[] },
): RunEvent | undefined {
  if (part.type === "tool-call" ? !part.providerExecuted : part.preliminary) return undefined;
  const common = {
    callId: where.callId,
    path: where.path,
    toolCallId: part.toolCallId,
    toolName: part.toolName,
  };
  if (part.type === "tool-call")
    return { type: "server-tool-call", ...common, input: parseInput(part.input) };
  const isError = part.isError === true;
  return { type: "server-tool-result", ...common, output: part.result, isError };
}

/** The call's input as data: providers send it as JSON text. */
function parseInput(input: string): unknown {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
