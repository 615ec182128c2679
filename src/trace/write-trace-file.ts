/**
 * @module Reads and writes trace files (pretty JSON; while a run goes on, JSON lines of events).
 */
import { readFile } from "node:fs/promises";
import { ConfigError, errorMessage } from "../errors.js";
import { replaceFile } from "../util/replace-file.js";
import { isTraceJournal, readTraceJournal } from "./read-trace-journal.js";
import { TRACE_FORMAT, type TraceDocument } from "./trace-document.js";

/**
 * Writes `document` to `file`, whole or not at all. Contract: throws a ConfigError naming the
 * file when it cannot.
 */
export async function writeTraceFile(
  file: string,
  document: TraceDocument,
  displayName = file,
): Promise<void> {
  try {
    await replaceFile(file, `${JSON.stringify(document, null, 2)}\n`);
  } catch (error) {
    throw new ConfigError(`cannot write the trace ${displayName}: ${errorMessage(error)}`);
  }
}

/**
 * Reads a trace file: a finished trace, or the unfinished one of a run that did not end (see
 * `read-trace-journal.ts`). Contract: throws a ConfigError when it is missing or not a trace.
 */
export async function readTraceFile(file: string, displayName = file): Promise<TraceDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read the trace ${displayName}: ${errorMessage(error)}`);
  }
  if (isTraceJournal(text)) return readTraceJournal(text, displayName);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`cannot read the trace ${displayName}: ${errorMessage(error)}`);
  }
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== TRACE_FORMAT) {
    throw new ConfigError(`${displayName} is not an llm-do trace (write one with --trace FILE)`);
  }
  return value as TraceDocument;
}
