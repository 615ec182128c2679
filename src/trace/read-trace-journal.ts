/**
 * @module Reads an unfinished trace (the JSON lines `--trace` appends while a run goes on, see
 * `trace-journal.ts`): the trace of every event up to where the file ends, with a note saying
 * where that is. A last line cut short by a kill is left out.
 */
import { ConfigError, errorMessage } from "../errors.js";
import { TraceBuilder } from "./trace-builder.js";
import type { TraceDocument } from "./trace-document.js";
import { TRACE_JOURNAL_FORMAT, type TraceJournalLine } from "./trace-journal.js";

/** True when `text` is an unfinished trace (its first line says so). */
export function isTraceJournal(text: string): boolean {
  return text.startsWith(`{"format":"${TRACE_JOURNAL_FORMAT}"`);
}

/**
 * The trace an unfinished trace file holds. Contract: throws a ConfigError naming the file and
 * line for a line that is not an event (other than a last line cut short).
 */
export function readTraceJournal(text: string, displayName: string): TraceDocument {
  // The values were cut when they were appended.
  const builder = new TraceBuilder({
    maxString: Number.POSITIVE_INFINITY,
    maxJson: Number.POSITIVE_INFINITY,
  });
  const lines = text.split("\n");
  let lastLine = 1;
  let lastTime: number | undefined;
  let hasEnded = false;
  let partialLine: number | undefined;
  for (let index = 1; index < lines.length; index++) {
    // Non-null: `index` is below `lines.length`.
    const content = lines[index]!;
    if (content.trim() === "") continue;
    const line = index + 1;
    const parsed = parseLine(content);
    if (parsed === undefined) {
      // Only the very last line can have been cut by a kill (it has no newline after it).
      if (index === lines.length - 1) {
        partialLine = line;
        break;
      }
      throw new ConfigError(`${displayName}:${line}: not a trace event: ${describeLine(content)}`);
    }
    builder.add(parsed.event, parsed.time);
    lastLine = line;
    lastTime = parsed.time;
    if (parsed.event.type === "run-end") hasEnded = true;
  }
  if (!hasEnded) {
    const partial = partialLine ? `; the line cut short at line ${partialLine} was left out` : "";
    builder.cut(
      lastTime ?? 0,
      `the trace is unfinished: its run did not end (it was killed, or is still going); ${displayName} ends at line ${lastLine}${partial}`,
    );
  }
  return builder.document();
}

function parseLine(content: string): TraceJournalLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return undefined;
  }
  const line = value as Partial<TraceJournalLine> | null;
  if (typeof line?.time !== "number" || typeof line.event?.type !== "string") return undefined;
  return line as TraceJournalLine;
}

function describeLine(content: string): string {
  try {
    JSON.parse(content);
    return "expected {time, event}";
  } catch (error) {
    return `invalid JSON: ${errorMessage(error)}`;
  }
}
