/**
 * @module A local stand-in for a provider's authorization page and token endpoint, for tests:
 * an HTTP server on 127.0.0.1 that records what it receives and answers as scripted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake server received. */
export interface RecordedRequest {
  /** `GET`, `POST`, … */
  method: string;
  /** The path without the query. */
  path: string;
  /** The request headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The body, parsed as JSON when possible, else the raw text. */
  body: unknown;
}

/** An answer from the token endpoint. */
export interface FakeTokenResponse {
  /** The HTTP status. */
  status: number;
  /** The body: an object is sent as JSON, a string as is. */
  body: unknown;
}

/** Options for {@link startFakeOAuthServer}. */
export interface FakeOAuthServerOptions {
  /** Answers a token request; defaults to fixed tokens per grant type (see {@link defaultTokenResponse}). */
  respond?: (body: unknown) => FakeTokenResponse;
  /** The authorization code the authorize page shows; defaults to `test-code`. */
  code?: string;
}

/** A running fake server. */
export interface FakeOAuthServer extends AsyncDisposable {
  /** The authorize page: answers `<code>#<state>` for the `state` in its query. */
  authorizeUrl: string;
  /** The token endpoint. */
  tokenUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Stops the server. */
  close(): Promise<void>;
}

/** The default token answer: `access-1`/`refresh-1` for a code, `access-2`/`refresh-2` for a refresh. */
export function defaultTokenResponse(body: unknown): FakeTokenResponse {
  const grant = typeof body === "object" && body !== null ? Reflect.get(body, "grant_type") : undefined;
  if (grant === "authorization_code") {
    return { status: 200, body: { access_token: "access-1", refresh_token: "refresh-1", expires_in: 3600 } };
  }
  if (grant === "refresh_token") {
    return { status: 200, body: { access_token: "access-2", refresh_token: "refresh-2", expires_in: 3600 } };
  }
  return { status: 400, body: { error: "unsupported_grant_type" } };
}

/** Starts a fake server on 127.0.0.1 at a free port. */
export async function startFakeOAuthServer(options: FakeOAuthServerOptions = {}): Promise<FakeOAuthServer> {
  const requests: RecordedRequest[] = [];
  const respond = options.respond ?? defaultTokenResponse;
  const code = options.code ?? "test-code";
  const server = createServer((request, response) => {
    void handle(request, response, { requests, respond, code });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    authorizeUrl: `http://127.0.0.1:${port}/authorize`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: { requests: RecordedRequest[]; respond: (body: unknown) => FakeTokenResponse; code: string },
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const text = await readBody(request);
  const body = parseJson(text);
  context.requests.push({ method: request.method ?? "", path: url.pathname, headers: request.headers, body });
  if (url.pathname === "/authorize") {
    response.writeHead(200, { "content-type": "text/plain" });
    response.end(`${context.code}#${url.searchParams.get("state") ?? ""}`);
    return;
  }
  if (url.pathname === "/token" && request.method === "POST") {
    const answer = context.respond(body);
    const isText = typeof answer.body === "string";
    response.writeHead(answer.status, { "content-type": isText ? "text/plain" : "application/json" });
    response.end(isText ? answer.body : JSON.stringify(answer.body));
    return;
  }
  response.writeHead(404).end("not found");
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
