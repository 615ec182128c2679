/**
 * @module A local stand-in for the Anthropic Messages API that answers every request at once
 * with one streamed text message (server-sent events), so that a CLI run measures llm-do and
 * not a provider. The body is built once per answer and sent in large writes.
 */
import { once } from "node:events";
import { createServer } from "node:http";

/**
 * One server-sent event of the Messages API stream.
 * @param {string} type
 * @param {Record<string, unknown>} data
 */
export function anthropicEvent(type, data) {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/**
 * The events of one streamed message: `message_start` with `usage`, then `blocks` (each a
 * content block's start event data and its deltas), then the end with `stopReason`.
 * @param {{ usage: Record<string, number>, blocks: Array<{ start: Record<string, unknown>, deltas: Array<Record<string, unknown>> }>, stopReason: string, outputTokens: number }} message
 * @returns {string[]}
 */
export function anthropicMessageEvents({ usage, blocks, stopReason, outputTokens }) {
  const message = {
    id: "msg_bench",
    type: "message",
    role: "assistant",
    model: "claude-bench",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  };
  return [
    anthropicEvent("message_start", { message }),
    ...blocks.flatMap((block, index) => [
      anthropicEvent("content_block_start", { index, content_block: block.start }),
      ...block.deltas.map((delta) => anthropicEvent("content_block_delta", { index, delta })),
      anthropicEvent("content_block_stop", { index }),
    ]),
    anthropicEvent("message_delta", {
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: outputTokens },
    }),
    anthropicEvent("message_stop", {}),
  ];
}

/**
 * The SSE body of a message whose text is `text`, in `text_delta` events of `chunkSize` characters.
 * @param {string} text
 * @param {number} chunkSize
 */
export function anthropicTextStream(text, chunkSize) {
  const deltas = [];
  for (let index = 0; index < text.length; index += chunkSize) {
    deltas.push({ type: "text_delta", text: text.slice(index, index + chunkSize) });
  }
  const events = anthropicMessageEvents({
    usage: { input_tokens: 10, output_tokens: 1 },
    blocks: [{ start: { type: "text", text: "" }, deltas }],
    stopReason: "end_turn",
    outputTokens: Math.ceil(text.length / 4),
  });
  return Buffer.from(events.join(""), "utf8");
}

/**
 * Starts the server on 127.0.0.1 (a free port). Every POST to `/v1/messages` gets `body`
 * (replace it with `server.answer = ...` between runs).
 * @param {Buffer} body The SSE body, from {@link anthropicTextStream}.
 */
export async function startAnthropicSseServer(body) {
  const state = { answer: body, requests: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      state.requests += 1;
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const writeSize = 64 * 1024;
      for (let offset = 0; offset < state.answer.length; offset += writeSize) {
        response.write(state.answer.subarray(offset, offset + writeSize));
      }
      response.end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    set answer(value) {
      state.answer = value;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * The SSE body of a message that calls one tool.
 * @param {string} name
 * @param {unknown} input
 */
export function anthropicToolUseStream(name, input) {
  const events = anthropicMessageEvents({
    usage: { input_tokens: 10, output_tokens: 1 },
    blocks: [
      {
        start: { type: "tool_use", id: "toolu_bench", name, input: {} },
        deltas: [{ type: "input_json_delta", partial_json: JSON.stringify(input) }],
      },
    ],
    stopReason: "tool_use",
    outputTokens: 5,
  });
  return Buffer.from(events.join(""), "utf8");
}

/**
 * Starts a server that answers a worker's model requests by their place in its tool loop: the
 * request after `k` answers (counted from the assistant messages it carries) gets `answers[k]`.
 * @param {Buffer[]} answers SSE bodies.
 */
export async function startAnthropicLoopServer(answers) {
  const state = { requests: 0 };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      state.requests += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const answered = body.messages.filter((message) => message.role === "assistant").length;
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.end(answers[Math.min(answered, answers.length - 1)]);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
