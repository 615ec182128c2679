/**
 * @module Reads a recording or a hand-written script: YAML (a list of entries), or JSON lines
 * when the file ends in `.jsonl` or `.ndjson`. Errors name the file, line and column. A YAML
 * list written one `- ` item per line at column 0 is parsed item by item, so a large recording
 * costs memory for its values, not for a document model of the whole file.
 */
import { accessSync, constants, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError, errorMessage } from "../errors.js";
import { suggest } from "../util/suggest.js";
import { createSourceMap } from "../worker/source-map.js";
import { normalizeKey } from "./exchange-key.js";
import {
  isRecordedApproval,
  RecordedApproval,
  RecordedExchange,
  type Recording,
  type RecordingEntry,
} from "./recording.js";
import { splitYamlItems } from "./split-yaml-items.js";
import { splitUnfinished } from "./unfinished-recording.js";

/** True when a recording file is written as JSON lines (by its extension). */
export function isJsonLinesFile(file: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(file);
}

/** Reads and parses a recording. Contract: throws a ConfigError naming the file (and line). */
export async function readRecording(file: string, displayName = file): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the replay file ${displayName}: ${errorMessage(error)}`);
  }
  return { ...parseRecording(text, displayName), path: path.resolve(file) };
}

/**
 * Checks, without reading it, that a replay file can be read: it exists and is a regular file
 * (a FIFO would never end). Contract: throws a ConfigError naming the file.
 */
export function checkReplayFile(file: string, displayName = file): void {
  let isFile: boolean;
  try {
    accessSync(file, constants.R_OK);
    isFile = statSync(file).isFile();
  } catch (error) {
    throw new ConfigError(`cannot read the replay file ${displayName}: ${errorMessage(error)}`);
  }
  if (!isFile) throw new ConfigError(`cannot read the replay file ${displayName}: not a regular file`);
}

/**
 * Parses recording text; `file` decides the format and appears in messages. An unfinished
 * recording (a killed run's) keeps its whole entries and says where it ends in `end`.
 */
export function parseRecording(text: string, file: string): Recording {
  const isJsonLines = isJsonLinesFile(file);
  const unfinished = splitUnfinished(text, isJsonLines);
  const body = unfinished?.text ?? text;
  const firstLine = unfinished?.firstLine ?? 1;
  const entries = isJsonLines ? parseJsonLines(body, file, firstLine) : parseYaml(body, file, firstLine);
  const recording: Recording = {
    file,
    exchanges: new Map(),
    approvals: new Map(),
    end: { type: "complete" },
  };
  for (const { entry, where } of entries) {
    if (isRecordedApproval(entry)) {
      recording.approvals.set(normalizeKey(entry.approval), entry);
      continue;
    }
    const key = normalizeKey(entry.key);
    if (recording.exchanges.has(key)) throw new ConfigError(`${where()}: duplicate key '${key}'`);
    recording.exchanges.set(key, entry);
  }
  if (unfinished) {
    const last = entries.at(-1)?.entry;
    const lastKey = last && (isRecordedApproval(last) ? `approval of ${last.approval}` : last.key);
    recording.end = { ...unfinished.end, ...(lastKey ? { lastKey } : {}) };
  }
  return recording;
}

interface Located {
  entry: RecordingEntry;
  /** `file:line:column` of the entry, worked out when a message needs it. */
  where: () => string;
}

/** Item by item when the text is a plain block list (recordings are); else as one document. */
function parseYaml(text: string, file: string, firstLine: number): Located[] {
  const items = splitYamlItems(text);
  if (!items) return parseYamlDocument(text, file, firstLine);
  const entries: Located[] = [];
  for (const item of items) {
    const chunk = text.slice(item.start, item.end);
    const value = parseItem(chunk);
    // Aliases across items, or an error: the whole document says what it means.
    if (value === undefined) return parseYamlDocument(text, file, firstLine);
    const line = firstLine + item.line - 1;
    const at = (path: readonly PropertyKey[]) => locateInItem(chunk, line, file, path);
    entries.push({ entry: validateEntry(value, at), where: () => at([]) });
  }
  return entries;
}

/** The one entry of an item's text, or undefined when it is not exactly one valid item. */
function parseItem(chunk: string): unknown {
  const document = parseDocument(chunk, { prettyErrors: false });
  if (document.errors.length > 0) return undefined;
  try {
    const value: unknown = document.toJS();
    // A copy: strings parsed from the chunk may be slices that keep the whole file's text alive.
    return Array.isArray(value) && value.length === 1 ? structuredClone(value[0]) : undefined;
  } catch {
    return undefined;
  }
}

function locateInItem(chunk: string, line: number, file: string, path: readonly PropertyKey[]): string {
  const lineCounter = new LineCounter();
  const document = parseDocument(chunk, { lineCounter, prettyErrors: false });
  const { line: found, column } = createSourceMap({ document, lineCounter, firstLine: line }).locate([
    0,
    ...path,
  ]);
  return `${file}:${found}:${column}`;
}

function parseYamlDocument(text: string, file: string, firstLine: number): Located[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const map = createSourceMap({ document, lineCounter, firstLine });
  const at = (path: readonly PropertyKey[]) => {
    const { line, column } = map.locate(path);
    return `${file}:${line}:${column}`;
  };
  const syntax = document.errors[0];
  if (syntax) {
    const { line, column } = map.position(syntax.pos[0]);
    throw new ConfigError(`${file}:${line}:${column}: ${syntax.message.split("\n")[0]}`);
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ConfigError(
      `${file}:${firstLine}:1: a replay file is a list of entries ('- key: main/1' with a 'response'), got ${typeName(value)}`,
    );
  }
  return value.map((item, index) => ({
    entry: validateEntry(item, (path) => at([index, ...path])),
    where: () => at([index]),
  }));
}

function parseJsonLines(text: string, file: string, firstLine: number): Located[] {
  const entries: Located[] = [];
  let offset = 0;
  for (let line = firstLine; offset < text.length; line++) {
    const lineEnd = text.indexOf("\n", offset);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    const content = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
    offset = next;
    if (content.trim() === "") continue;
    const where = `${file}:${line}:1`;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      throw new ConfigError(`${where}: invalid JSON: ${errorMessage(error)}`);
    }
    entries.push({ entry: validateEntry(value, () => where), where: () => where });
  }
  return entries;
}

function validateEntry(value: unknown, at: (path: readonly PropertyKey[]) => string): RecordingEntry {
  const isApproval = typeof value === "object" && value !== null && "approval" in value;
  const schema: z.ZodType<RecordingEntry> = isApproval ? RecordedApproval : RecordedExchange;
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  // Non-null: a failed zod parse has at least one issue.
  const issue = issues.find((candidate) => candidate.code === "unrecognized_keys") ?? issues[0]!;
  throw new ConfigError(`${at(issue.path)}: ${describeIssue(issue, isApproval)}`);
}

const knownFields: Readonly<Record<string, readonly string[]>> = {
  exchange: ["key", "request", "response"],
  approval: ["approval", "tool", "decision", "by", "note"],
  request: ["model", "instructions", "tools", "messages"],
  response: ["reasoning", "text", "tool_calls", "usage", "finish_reason"],
  tool_calls: ["name", "input"],
  usage: ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens"],
};

function describeIssue(issue: z.core.$ZodIssue, isApproval: boolean): string {
  const where = issue.path.length > 0 ? `'${issue.path.map(String).join(".")}': ` : "";
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `missing field '${issue.path.map(String).join(".")}'`;
  }
  if (issue.code !== "unrecognized_keys") return `${where}${issue.message}`;
  const context = [...issue.path].reverse().find((segment) => typeof segment === "string");
  const known = knownFields[context ?? (isApproval ? "approval" : "exchange")] ?? [];
  const key = issue.keys[0] ?? "";
  const hint = suggest(key, known);
  return `unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ` (valid: ${known.join(", ")})`}`;
}

function typeName(value: unknown): string {
  if (typeof value === "object" && value !== null) return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
