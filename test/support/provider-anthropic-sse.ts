/**
 * @module Serves a recorded non-streaming Anthropic message to a client that asked to stream:
 * the same message, content and usage, framed as the Messages API's SSE events. Only the framing
 * is made here; every value comes from the recording.
 */
import type { ExchangeTransform } from "./fixture-server.js";

interface AnthropicMessage {
  type: "message";
  content: Array<{ type: string; [key: string]: unknown }>;
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: { output_tokens?: number; [key: string]: unknown };
  [key: string]: unknown;
}

/** A streaming request answered by a 200 JSON message gets the message as SSE. */
export const anthropicJsonAsStream: ExchangeTransform = (exchange, request) => {
  const wantsStream = (request.body as { stream?: unknown } | undefined)?.stream === true;
  const isMessage =
    exchange.status === 200 && exchange.headers["content-type"]?.startsWith("application/json");
  if (!wantsStream || !isMessage) return exchange;
  const message = JSON.parse(exchange.body) as AnthropicMessage;
  if (message.type !== "message") return exchange;
  return {
    ...exchange,
    source: `${exchange.source} (as SSE)`,
    headers: { ...exchange.headers, "content-type": "text/event-stream; charset=utf-8" },
    body: anthropicMessageToSse(message),
  };
};

/** The SSE events of a complete message. */
export function anthropicMessageToSse(message: AnthropicMessage): string {
  const events: Array<Record<string, unknown>> = [
    {
      type: "message_start",
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...message.usage },
      },
    },
  ];
  message.content.forEach((block, index) => {
    events.push(...blockEvents(block, index));
  });
  events.push({
    type: "message_delta",
    delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
    usage: { output_tokens: message.usage.output_tokens ?? 0 },
  });
  events.push({ type: "message_stop" });
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}

function blockEvents(
  block: AnthropicMessage["content"][number],
  index: number,
): Array<Record<string, unknown>> {
  const start = (content_block: unknown) => ({ type: "content_block_start", index, content_block });
  const delta = (value: unknown) => ({ type: "content_block_delta", index, delta: value });
  const stop = { type: "content_block_stop", index };
  switch (block.type) {
    case "text":
      return [start({ type: "text", text: "" }), delta({ type: "text_delta", text: block.text }), stop];
    case "thinking":
      return [
        start({ type: "thinking", thinking: "", signature: "" }),
        delta({ type: "thinking_delta", thinking: block.thinking }),
        delta({ type: "signature_delta", signature: block.signature }),
        stop,
      ];
    case "tool_use":
    case "server_tool_use":
      return [
        start({ ...block, input: {} }),
        delta({ type: "input_json_delta", partial_json: JSON.stringify(block.input ?? {}) }),
        stop,
      ];
    default:
      return [start(block), stop];
  }
}
