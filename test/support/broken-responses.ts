/**
 * @module Hand-made provider responses for the fixture server, good and broken: Anthropic
 * Messages streams, OpenAI Chat Completions chunks and OpenAI Responses events, each whole or cut
 * short, plus bodies that are no stream at all (empty, garbage, plain JSON).
 */
import type { RecordedExchange } from "./provider-fixtures.js";

/** Where each API is served. */
export const paths = {
  anthropic: "/v1/messages",
  chat: "/v1/chat/completions",
  responses: "/v1/responses",
} as const;

/** A 200 response with `body`, served as `contentType` (default an event stream). */
export function bodyExchange(
  path: string,
  body: string,
  options: { contentType?: string | null; source?: string } = {},
): RecordedExchange {
  const contentType = options.contentType === undefined ? "text/event-stream" : options.contentType;
  return {
    source: options.source ?? `hand-made ${path}`,
    method: "POST",
    path,
    status: 200,
    headers: contentType === null ? {} : { "content-type": contentType },
    body,
  };
}

/** SSE frames named after each event's `type`. */
export function namedEvents(events: readonly Record<string, unknown>[]): string {
  return events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join("");
}

/** An Anthropic text answer, word by word; `complete: false` stops before `message_delta`/`message_stop`. */
export function anthropicText(text: string, options: { complete?: boolean } = {}): string {
  const events: Record<string, unknown>[] = [
    {
      type: "message_start",
      message: {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-haiku-4-5",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    },
    { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
    ...text.split(/(?<= )/).map((piece) => ({
      type: "content_block_delta",
      index: 0,
      delta: { type: "text_delta", text: piece },
    })),
  ];
  if (options.complete !== false) {
    events.push(
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: 5 },
      },
      { type: "message_stop" },
    );
  }
  return namedEvents(events);
}

/** OpenAI Chat Completions chunks of a text answer; `finish: false` sends no `finish_reason`. */
export function chatText(text: string, options: { finish?: boolean } = {}): string {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "gpt-4o",
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    })}\n\n`;
  const pieces = text
    .split(/(?<= )/)
    .map((piece, index) =>
      chunk(index === 0 ? { role: "assistant", content: piece } : { content: piece }, null),
    );
  if (options.finish !== false) pieces.push(chunk({}, "stop"));
  return `${pieces.join("")}data: [DONE]\n\n`;
}

/** OpenAI Responses events of a text answer; `complete: false` stops before `response.completed`. */
export function responsesText(text: string, options: { complete?: boolean } = {}): string {
  const response = { id: "resp_1", object: "response", created_at: 1, model: "gpt-4o", output: [] };
  const item = { id: "msg_1", type: "message", role: "assistant", status: "in_progress", content: [] };
  const events: Record<string, unknown>[] = [
    { type: "response.created", sequence_number: 0, response: { ...response, status: "in_progress" } },
    { type: "response.output_item.added", sequence_number: 1, output_index: 0, item },
    ...text.split(/(?<= )/).map((delta, index) => ({
      type: "response.output_text.delta",
      sequence_number: index + 2,
      item_id: "msg_1",
      output_index: 0,
      content_index: 0,
      delta,
      logprobs: [],
    })),
  ];
  if (options.complete !== false) {
    events.push(
      {
        type: "response.output_item.done",
        sequence_number: 100,
        output_index: 0,
        item: { ...item, status: "completed", content: [{ type: "output_text", text, annotations: [] }] },
      },
      {
        type: "response.completed",
        sequence_number: 101,
        response: {
          ...response,
          status: "completed",
          usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
        },
      },
    );
  }
  return namedEvents(events);
}
