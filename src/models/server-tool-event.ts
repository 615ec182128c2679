/**
 * @module The events for tool calls a provider executed itself (`server_side_tools`), from the
 * AI SDK's stream parts.
 */
import type { RunEvent } from "../events/run-event.js";

/** A stream part that may belong to a provider-executed tool. */
export type ToolStreamPart =
  | { type: "tool-call"; toolCallId: string; toolName: string; input: unknown; providerExecuted?: boolean }
  | { type: "tool-result"; toolCallId: string; toolName: string; output: unknown; providerExecuted?: boolean }
  | { type: "tool-error"; toolCallId: string; toolName: string; error: unknown; providerExecuted?: boolean };

/**
 * The `server-tool-call` or `server-tool-result` event for a part, or undefined for a tool the
 * harness runs (those are reported by the call runner).
 */
export function serverToolEvent(
  part: ToolStreamPart,
  where: { callId: string; path: string[] },
): RunEvent | undefined {
  if (!part.providerExecuted) return undefined;
  const common = {
    callId: where.callId,
    path: where.path,
    toolCallId: part.toolCallId,
    toolName: part.toolName,
  };
  switch (part.type) {
    case "tool-call":
      return { type: "server-tool-call", ...common, input: part.input };
    case "tool-result":
      return { type: "server-tool-result", ...common, output: part.output, isError: false };
    case "tool-error":
      return { type: "server-tool-result", ...common, output: errorOutput(part.error), isError: true };
  }
}

function errorOutput(error: unknown): unknown {
  return error instanceof Error ? { name: error.name, message: error.message } : error;
}
