/**
 * @module NDJSON framing: one JSON object per line, LF only.
 */
import type { TextOutput } from "./cli-io.js";
import { toJsonSafe } from "./to-json-safe.js";
import { writeLine } from "./write-line.js";

/**
 * One NDJSON line (with its trailing `\n`) for any value. Line breaks inside strings are
 * escaped by JSON, so the only raw LF is the terminator.
 *
 * Contract: never throws; values JSON cannot hold are converted by `toJsonSafe`.
 */
export function toJsonLine(value: unknown): string {
  return `${JSON.stringify(toJsonSafe(value))}\n`;
}

/** Writes `value` as one NDJSON line (see `toJsonLine`), without copying a long line. */
export function writeJsonLine(output: TextOutput, value: unknown): void {
  writeLine(output, JSON.stringify(toJsonSafe(value)));
}
