/**
 * @module Loads the recorded provider traffic in `test/fixtures/providers` (see its README)
 * into exchanges the fixture server plays back: pydantic-ai and plain vcrpy cassettes (YAML,
 * gzip `!!binary` bodies included), AI SDK chunk files, JSON bodies, the nock recording, raw
 * SSE captures and the observed Anthropic errors.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { parse } from "yaml";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the recorded fixtures are, inside the repository. */
export const fixturesRoot = path.join(repoRoot, "test/fixtures/providers");

/** One recorded HTTP exchange, ready to serve. */
export interface RecordedExchange {
  /** Where it came from, e.g. `pydantic-ai/test_tools.yaml#1`. */
  source: string;
  /** The request method the client is expected to use. */
  method: string;
  /** The request path the client is expected to use, without the query. */
  path: string;
  /** The response status. */
  status: number;
  /** Response headers to send (lower-case names; framing headers removed). */
  headers: Record<string, string>;
  /** The response body. */
  body: string;
  /** Destroy the connection after writing the body, without ending the response (a reset). */
  resetAfterBody?: boolean;
}

const droppedHeaders = new Set([
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "content-encoding",
]);

/** Reads a fixture file as text. */
export function readFixture(relative: string): string {
  return readFileSync(path.join(fixturesRoot, relative), "utf8");
}

interface CassetteInteraction {
  request: { method: string; uri: string };
  response: {
    status: { code: number };
    headers?: Record<string, string[] | string>;
    parsed_body?: unknown;
    body?: { string: string | Uint8Array };
  };
}

/**
 * The exchanges of a vcrpy cassette, in order: pydantic-ai's (`parsed_body`, or the raw SSE text in
 * `body.string`) and plain vcrpy (`body.string` as text or as gzip `!!binary`).
 */
export function loadCassette(relative: string): RecordedExchange[] {
  const document = parse(readFixture(relative), { customTags: ["binary"] }) as {
    interactions: CassetteInteraction[];
  };
  return document.interactions.map((interaction, index) => {
    const headers = cleanHeaders(interaction.response.headers ?? {});
    const rawHeaders = lowerCaseHeaders(interaction.response.headers ?? {});
    return {
      source: `${relative}#${index}`,
      method: interaction.request.method.toUpperCase(),
      path: new URL(interaction.request.uri).pathname,
      status: interaction.response.status.code,
      headers,
      body: cassetteBody(interaction, rawHeaders["content-encoding"] === "gzip"),
    };
  });
}

function cassetteBody(interaction: CassetteInteraction, isGzip: boolean): string {
  const { response } = interaction;
  if (response.parsed_body !== undefined) return JSON.stringify(response.parsed_body);
  const raw = response.body?.string ?? "";
  if (typeof raw === "string") return raw;
  const bytes = Buffer.from(raw);
  return (isGzip ? gunzipSync(bytes) : bytes).toString("utf8");
}

/** How a `.chunks.txt` file is framed as SSE. */
export type ChunkFraming = "event" | "data";

/**
 * The responses in an AI SDK `.chunks.txt` file (one JSON event per line) as SSE bodies.
 * `event` framing (Anthropic, OpenAI Responses) names each event after its `type`; `data`
 * framing (Chat Completions) ends with `[DONE]`. `splitAt` cuts joined streams at lines of
 * that `type` (`response.created`).
 */
export function loadChunks(
  relative: string,
  options: { path: string; framing?: ChunkFraming; splitAt?: string },
): RecordedExchange[] {
  const lines = readFixture(relative)
    .split("\n")
    .filter((line) => line.trim() !== "");
  const groups: string[][] = [];
  for (const line of lines) {
    const type = (JSON.parse(line) as { type?: string }).type;
    if (groups.length === 0 || (options.splitAt !== undefined && type === options.splitAt)) groups.push([]);
    groups.at(-1)!.push(line);
  }
  return groups.map((group, index) => ({
    source: `${relative}#${index}`,
    method: "POST",
    path: options.path,
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body: frameSse(group, options.framing ?? "event"),
  }));
}

/** SSE frames for JSON event lines. */
export function frameSse(lines: readonly string[], framing: ChunkFraming): string {
  if (framing === "data") return `${lines.map((line) => `data: ${line}\n\n`).join("")}data: [DONE]\n\n`;
  return lines
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join("");
}

/** A JSON body file (AI SDK `.json`), served with `status`. */
export function loadJsonBody(relative: string, options: { path: string; status?: number }): RecordedExchange {
  return {
    source: relative,
    method: "POST",
    path: options.path,
    status: options.status ?? 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(JSON.parse(readFixture(relative))),
  };
}

interface NockEntry {
  method: string;
  path: string;
  status: number;
  response: unknown;
  rawHeaders: Record<string, string> | string[];
}

/** The exchanges of a nock recording (format D), in order. */
export function loadNock(relative: string): RecordedExchange[] {
  const entries = JSON.parse(readFixture(relative)) as NockEntry[];
  return entries.map((entry, index) => ({
    source: `${relative}#${index}`,
    method: entry.method.toUpperCase(),
    path: entry.path.split("?")[0]!,
    status: entry.status,
    headers: { ...cleanHeaders(nockHeaders(entry.rawHeaders)), "content-type": "application/json" },
    body: JSON.stringify(entry.response),
  }));
}

function nockHeaders(raw: Record<string, string> | string[]): Record<string, string> {
  if (!Array.isArray(raw)) return raw;
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) headers[raw[index]!] = raw[index + 1]!;
  return headers;
}

/** A raw SSE capture (format E), served as is. */
export function loadSse(relative: string, options: { path: string }): RecordedExchange {
  return {
    source: relative,
    method: "POST",
    path: options.path,
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body: readFixture(relative),
  };
}

interface ObservedEntry {
  id: string;
  kind: string;
  status: number;
  headers: Record<string, string> | null;
  body?: string | null;
  sse_wire?: string;
}

function observedEntry(id: string): ObservedEntry {
  const file = JSON.parse(readFixture("observed-errors/anthropic-errors-observed.json")) as {
    entries: ObservedEntry[];
  };
  const entry = file.entries.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`no observed error '${id}'`);
  return entry;
}

/**
 * An observed Anthropic HTTP error (format F, `http_error`), with `extraHeaders` added (a 429
 * replay should carry `retry-after`, which the real API now always sends).
 */
export function observedAnthropicError(
  id: string,
  extraHeaders: Record<string, string> = {},
): RecordedExchange {
  const entry = observedEntry(id);
  if (entry.kind !== "http_error" || typeof entry.body !== "string") {
    throw new Error(`observed error '${id}' is not an http_error with a body`);
  }
  return {
    source: `observed-errors#${id}`,
    method: "POST",
    path: "/v1/messages",
    status: entry.status,
    headers: { ...cleanHeaders(entry.headers ?? {}), "content-type": "application/json", ...extraHeaders },
    body: entry.body,
  };
}

/**
 * A 200 stream that fails midway (format F, `sse_error_event`): the first `frames` SSE frames of
 * a real streaming response, then the observed `event: error` frame, and no `message_stop`.
 */
export function midStreamAnthropicError(
  base: RecordedExchange,
  frames: number,
  id = "anthropic-stream-error-event-overloaded",
): RecordedExchange {
  const entry = observedEntry(id);
  const kept = base.body
    .split(/\n\n/)
    .filter((frame) => frame.trim() !== "")
    .slice(0, frames)
    .map((frame) => `${frame}\n\n`)
    .join("");
  return {
    ...base,
    source: `${base.source} cut after ${frames} frames + observed-errors#${id}`,
    headers: { ...base.headers, "content-type": "text/event-stream; charset=utf-8" },
    body: kept + (entry.sse_wire ?? ""),
  };
}

/** The first `frames` SSE frames of a stream, then a dropped connection. */
export function resetMidStream(base: RecordedExchange, frames: number): RecordedExchange {
  const kept = base.body
    .split(/\n\n/)
    .filter((frame) => frame.trim() !== "")
    .slice(0, frames)
    .map((frame) => `${frame}\n\n`)
    .join("");
  return { ...base, source: `${base.source} reset after ${frames} frames`, body: kept, resetAfterBody: true };
}

function lowerCaseHeaders(headers: Record<string, string[] | string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function cleanHeaders(headers: Record<string, string[] | string>): Record<string, string> {
  const result = lowerCaseHeaders(headers);
  for (const name of Object.keys(result)) if (droppedHeaders.has(name)) delete result[name];
  return result;
}
