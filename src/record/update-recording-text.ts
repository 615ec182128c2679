/**
 * @module `--record` onto the file being replayed: the file keeps what its author wrote (comments,
 * responses, approvals, entries the run did not reach) and each exchange the run made gets the
 * `request` this run sent, so a hand-written script learns what to check.
 */
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap } from "yaml";
import { compareRequest } from "./compare-request.js";
import { normalizeKey } from "./exchange-key.js";
import { isJsonLinesFile } from "./parse-recording.js";
import { isRecordedApproval, type RecordedRequest, type RecordingEntry } from "./recording.js";

/** A message this short (as JSON) is written on one line, `{ role: tool, name: add, output: 5 }`. */
const ONE_LINE_MESSAGE = 100;

/**
 * The text of the recording `original` (the contents of `file`, whose name picks the format)
 * with the requests of `entries` written into the exchanges of the same key. Contract: `original`
 * is a recording that parses (the run replayed it); fields of a request the run did not send are
 * removed, except `model`.
 */
export function updateRecordingText(
  original: string,
  entries: readonly RecordingEntry[],
  file: string,
): string {
  const requests = new Map<string, RecordedRequest>();
  for (const entry of entries) {
    if (!isRecordedApproval(entry) && entry.request) requests.set(normalizeKey(entry.key), entry.request);
  }
  return isJsonLinesFile(file) ? updateJsonLines(original, requests) : updateYaml(original, requests);
}

function updateJsonLines(original: string, requests: ReadonlyMap<string, RecordedRequest>): string {
  return original
    .split("\n")
    .map((line) => {
      if (line.trim() === "") return line;
      const entry = JSON.parse(line) as RecordingEntry;
      if (isRecordedApproval(entry)) return line;
      const request = requests.get(normalizeKey(entry.key));
      if (!request) return line;
      const { key, response } = entry;
      return JSON.stringify({ key, request: mergedRequest(entry.request, request), response });
    })
    .join("\n");
}

function updateYaml(original: string, requests: ReadonlyMap<string, RecordedRequest>): string {
  const document = parseDocument(original);
  const items = isSeq(document.contents) ? document.contents.items : [];
  for (const item of items) {
    if (!isMap(item) || item.has("approval")) continue;
    const key = item.get("key");
    const request = typeof key === "string" ? requests.get(normalizeKey(key)) : undefined;
    if (request) updateExchange(document, item, request);
  }
  return document.toString({ lineWidth: 0 });
}

/** Writes `request` into the exchange's `request` map, keeping the nodes (and comments) that match. */
function updateExchange(document: Document, exchange: YAMLMap, request: RecordedRequest): void {
  const existing = exchange.get("request", true);
  if (!isMap(existing)) {
    const node = document.createNode({}) as YAMLMap;
    for (const [field, value] of Object.entries(request)) node.set(field, styled(document, field, value));
    const responseAt = exchange.items.findIndex(
      (pair) => isScalar(pair.key) && pair.key.value === "response",
    );
    const pair = document.createPair("request", node);
    exchange.items.splice(responseAt < 0 ? exchange.items.length : responseAt, 0, pair);
    return;
  }
  const before = existing.toJS(document) as RecordedRequest;
  const merged = mergedRequest(before, request);
  for (const pair of [...existing.items]) {
    const field = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!(field in merged)) existing.delete(pair.key);
  }
  for (const [field, value] of Object.entries(merged)) {
    if (!stillMatches(before, field as keyof RecordedRequest, merged))
      existing.set(field, styled(document, field, value));
  }
}

/**
 * True when the recorded field already describes the request, as a replay compares it: then it
 * stays as written (a tool message narrowed by hand to `{ role: tool, name }` stays narrowed).
 */
function stillMatches(
  before: RecordedRequest,
  field: keyof RecordedRequest,
  request: RecordedRequest,
): boolean {
  if (before[field] === undefined) return false;
  if (field === "model") return before.model === request.model;
  return compareRequest({ [field]: before[field] }, request).length === 0;
}

/** The request to record: what the run sent, and the recorded `model` (which is not checked). */
function mergedRequest(before: RecordedRequest | undefined, request: RecordedRequest): RecordedRequest {
  const model = request.model ?? before?.model;
  return { ...(model ? { model } : {}), ...request };
}

/** A node for a request field, written compactly: tool names on one line, short messages too. */
function styled(document: Document, field: string, value: unknown): Node {
  const node = document.createNode(value) as Node;
  if (field === "tools" && isSeq(node)) node.flow = true;
  if (field === "messages" && isSeq(node)) {
    node.items.forEach((message, index) => {
      if (isMap(message) && fitsOnOneLine((value as unknown[])[index])) message.flow = true;
    });
  }
  return node;
}

function fitsOnOneLine(value: unknown): boolean {
  const json = JSON.stringify(value) ?? "";
  return json.length <= ONE_LINE_MESSAGE && !json.includes("\\n");
}
