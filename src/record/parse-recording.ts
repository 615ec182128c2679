/**
 * @module Reads a recording or a hand-written script: YAML (a list of entries), or JSON lines
 * when the file ends in `.jsonl` or `.ndjson`. Errors name the file, line and column.
 */
import { readFileSync } from "node:fs";
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

/** {@link readRecording}, synchronously (for checks before a run starts). */
export function readRecordingSync(file: string, displayName = file): Recording {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the replay file ${displayName}: ${errorMessage(error)}`);
  }
  return { ...parseRecording(text, displayName), path: path.resolve(file) };
}

/** Parses recording text; `file` decides the format and appears in messages. */
export function parseRecording(text: string, file: string): Recording {
  const entries = isJsonLinesFile(file) ? parseJsonLines(text, file) : parseYaml(text, file);
  const recording: Recording = { file, exchanges: new Map(), approvals: new Map() };
  for (const { entry, where } of entries) {
    if (isRecordedApproval(entry)) {
      recording.approvals.set(normalizeKey(entry.approval), entry);
      continue;
    }
    const key = normalizeKey(entry.key);
    if (recording.exchanges.has(key)) throw new ConfigError(`${where}: duplicate key '${key}'`);
    recording.exchanges.set(key, entry);
  }
  return recording;
}

interface Located {
  entry: RecordingEntry;
  where: string;
}

function parseYaml(text: string, file: string): Located[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const map = createSourceMap({ document, lineCounter, firstLine: 1 });
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
      `${file}:1:1: a replay file is a list of entries ('- key: main/1' with a 'response'), got ${typeName(value)}`,
    );
  }
  return value.map((item, index) => ({
    entry: validateEntry(item, (path) => at([index, ...path])),
    where: at([index]),
  }));
}

function parseJsonLines(text: string, file: string): Located[] {
  const entries: Located[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${file}:${index + 1}:1`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${where}: invalid JSON: ${errorMessage(error)}`);
    }
    entries.push({ entry: validateEntry(value, () => where), where });
  });
  return entries;
}

function validateEntry(value: unknown, at: (path: readonly PropertyKey[]) => string): RecordingEntry {
  const isApproval = typeof value === "object" && value !== null && "approval" in value;
  const schema: z.ZodType<RecordingEntry> = isApproval ? RecordedApproval : RecordedExchange;
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
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
