/**
 * @module A replay server for recorded provider traffic: an HTTP server on 127.0.0.1 (port 0)
 * that answers each request with the next recorded exchange, after checking its method and
 * path, and records what it received. Point a provider's base URL at `${server.url}/v1`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RecordedExchange } from "./provider-fixtures.js";

/** A request the server received. */
export interface ReceivedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The body, parsed as JSON when it is JSON. */
  body: unknown;
  /** The exchange that answered it (undefined when none was left or it did not match). */
  answeredWith?: string;
}

/** Rewrites an exchange for the request it answers (e.g. a JSON message as a stream). */
export type ExchangeTransform = (exchange: RecordedExchange, request: ReceivedRequest) => RecordedExchange;

/** A running replay server. */
export interface FixtureServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request, in order. */
  requests: ReceivedRequest[];
  /** Exchanges not served yet. */
  remaining(): number;
  close(): Promise<void>;
}

/** Options of {@link startFixtureServer}. */
export interface FixtureServerOptions {
  /** Applied to each exchange before it is served. */
  transform?: ExchangeTransform;
}

/**
 * Serves `exchanges` in order. A request whose method or path differs from the next exchange,
 * or that comes after the last one, gets a 500 with `x-should-retry: false` and a message that
 * says what was expected, so the failing test shows it.
 */
export async function startFixtureServer(
  exchanges: readonly RecordedExchange[],
  options: FixtureServerOptions = {},
): Promise<FixtureServer> {
  const queue = [...exchanges];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const received = await receive(request);
    requests.push(received);
    const next = queue[0];
    if (!next || next.method !== received.method || next.path !== received.path) {
      const expected = next
        ? `${next.method} ${next.path} (${next.source})`
        : "nothing (the recording is used up)";
      const message = `fixture server: expected ${expected}, got ${received.method} ${received.path}`;
      response.writeHead(500, { "content-type": "application/json", "x-should-retry": "false" });
      response.end(JSON.stringify({ type: "error", error: { type: "fixture_error", message } }));
      return;
    }
    queue.shift();
    const exchange = options.transform ? options.transform(next, received) : next;
    received.answeredWith = exchange.source;
    response.writeHead(exchange.status, exchange.headers);
    if (exchange.resetAfterBody) {
      response.write(exchange.body, () => {
        setTimeout(() => response.socket?.destroy(), 10);
      });
      return;
    }
    response.end(exchange.body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    remaining: () => queue.length,
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function receive(request: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return {
    method: request.method ?? "GET",
    path: (request.url ?? "/").split("?")[0]!,
    headers: request.headers,
    body,
  };
}
