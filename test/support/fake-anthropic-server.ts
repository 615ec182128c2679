/**
 * @module A local HTTP server that speaks the Anthropic Messages API (streaming SSE), for
 * end-to-end tests of the CLI: it serves a script of responses, records what it received, and
 * can fail with an HTTP error, hold a stream open until the client goes away (silent or with
 * pings), or never answer at all.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A text block of a scripted message. */
export interface FakeTextBlock {
  type: "text";
  text: string;
}

/** A tool call block of a scripted message. */
export interface FakeToolUseBlock {
  type: "tool_use";
  name: string;
  input: unknown;
  /** Defaults to `toolu_<n>`. */
  id?: string;
}

/** One scripted answer to one request. */
export type FakeResponse =
  | {
      type: "message";
      content: Array<FakeTextBlock | FakeToolUseBlock>;
      /** Defaults to `tool_use` when a tool is called, else `end_turn`. */
      stopReason?: string;
      usage?: { input_tokens: number; output_tokens: number };
    }
  | { type: "http-error"; status: number; body: unknown; headers?: Record<string, string> }
  /**
   * Starts a text stream, then sends nothing more until the client disconnects, or only `ping`
   * events every `pingEveryMs` (alive, but no answer).
   */
  | { type: "hold"; text?: string; pingEveryMs?: number }
  /** Reads the request and never answers: no status, no headers. */
  | { type: "silent" }
  /** Answers `answer` once `until` resolves. */
  | { type: "later"; until: Promise<unknown>; answer: FakeResponse };

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body (`model`, `system`, `messages`, `tools`, `stream`, ...). */
  body: Record<string, unknown>;
  /** When it arrived (`performance.now()`). */
  receivedAtMs: number;
}

/** Chooses the response to a request (the script form is simpler when the order is known). */
export type FakeResponder = (request: RecordedRequest, index: number) => FakeResponse;

/** A running fake server. */
export interface FakeAnthropicServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>/v1`: the value for `ANTHROPIC_BASE_URL`. */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** How many connections of held responses the client has closed. */
  readonly disconnects: number;
  /** Resolves once `count` requests have been received. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves once `count` held responses have been disconnected by the client. */
  waitForDisconnects(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A plain text answer. */
export function textResponse(text: string, usage = { input_tokens: 10, output_tokens: 5 }): FakeResponse {
  return { type: "message", content: [{ type: "text", text }], usage };
}

/** An answer that calls one tool (with optional text before it). */
export function toolUseResponse(name: string, input: unknown, text?: string): FakeResponse {
  return {
    type: "message",
    content: [...(text ? [{ type: "text" as const, text }] : []), { type: "tool_use", name, input }],
  };
}

/** An HTTP error with Anthropic's error body. */
export function errorResponse(status: number, errorType: string, message: string): FakeResponse {
  return {
    type: "http-error",
    status,
    body: { type: "error", error: { type: errorType, message } },
    // Lets the client's retries happen at once.
    headers: { "retry-after": "0" },
  };
}

/**
 * Starts the server on 127.0.0.1 on a free port. `script` answers requests in order (a request
 * past its end gets a 500 naming the problem); a function chooses per request.
 */
export async function startFakeAnthropicServer(
  script: readonly FakeResponse[] | FakeResponder,
): Promise<FakeAnthropicServer> {
  const respond: FakeResponder =
    typeof script === "function" ? script : (_request, index) => scripted(script, index);
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let disconnects = 0;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const waitUntil = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "POST" || (path !== "/messages" && path !== "/v1/messages")) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: path } }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: request.method,
      path,
      headers: request.headers,
      body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
      receivedAtMs: performance.now(),
    };
    const index = requests.push(recorded) - 1;
    notify();
    let answer = respond(recorded, index);
    while (answer.type === "later") {
      await answer.until;
      answer = answer.answer;
    }
    if (answer.type === "silent") {
      response.on("close", () => {
        disconnects += 1;
        notify();
      });
      return;
    }
    if (answer.type === "http-error") {
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(JSON.stringify(answer.body));
      return;
    }
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    const model = typeof recorded.body.model === "string" ? recorded.body.model : "unknown";
    if (answer.type === "hold") {
      const pings =
        answer.pingEveryMs === undefined
          ? undefined
          : setInterval(() => writeEvent(response, "ping", { type: "ping" }), answer.pingEveryMs);
      response.on("close", () => {
        clearInterval(pings);
        disconnects += 1;
        notify();
      });
      writeMessageStart(response, index, model, 10);
      writeEvent(response, "content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "text", text: "" },
      });
      writeEvent(response, "content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text: answer.text ?? "Thinking" },
      });
      return;
    }
    writeMessage(response, index, model, answer);
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get disconnects() {
      return disconnects;
    },
    waitForRequests: (count) => waitUntil(() => requests.length >= count),
    waitForDisconnects: (count) => waitUntil(() => disconnects >= count),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function scripted(script: readonly FakeResponse[], index: number): FakeResponse {
  const answer = script[index];
  if (answer) return answer;
  return errorResponse(500, "api_error", `fake server: no scripted response for request ${index + 1}`);
}

function writeEvent(response: ServerResponse, event: string, data: unknown): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function writeMessageStart(
  response: ServerResponse,
  index: number,
  model: string,
  inputTokens: number,
): void {
  writeEvent(response, "message_start", {
    type: "message_start",
    message: {
      id: `msg_fake_${index + 1}`,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      },
    },
  });
}

function writeMessage(
  response: ServerResponse,
  index: number,
  model: string,
  answer: Extract<FakeResponse, { type: "message" }>,
): void {
  const usage = answer.usage ?? { input_tokens: 10, output_tokens: 5 };
  writeMessageStart(response, index, model, usage.input_tokens);
  answer.content.forEach((block, blockIndex) => {
    if (block.type === "text") {
      writeEvent(response, "content_block_start", {
        type: "content_block_start",
        index: blockIndex,
        content_block: { type: "text", text: "" },
      });
      // Word by word, as a real stream arrives.
      for (const piece of block.text.split(/(?<= )/)) {
        writeEvent(response, "content_block_delta", {
          type: "content_block_delta",
          index: blockIndex,
          delta: { type: "text_delta", text: piece },
        });
      }
    } else {
      writeEvent(response, "content_block_start", {
        type: "content_block_start",
        index: blockIndex,
        content_block: {
          type: "tool_use",
          id: block.id ?? `toolu_${index + 1}_${blockIndex}`,
          name: block.name,
          input: {},
        },
      });
      writeEvent(response, "content_block_delta", {
        type: "content_block_delta",
        index: blockIndex,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) },
      });
    }
    writeEvent(response, "content_block_stop", { type: "content_block_stop", index: blockIndex });
  });
  const calledTool = answer.content.some((block) => block.type === "tool_use");
  writeEvent(response, "message_delta", {
    type: "message_delta",
    delta: { stop_reason: answer.stopReason ?? (calledTool ? "tool_use" : "end_turn"), stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  writeEvent(response, "message_stop", { type: "message_stop" });
  response.end();
}
