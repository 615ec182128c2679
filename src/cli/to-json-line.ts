/**
 * @module NDJSON framing: one JSON object per line, LF only.
 */
import { toJsonSafe } from "./to-json-safe.js";

/**
 * One NDJSON line (with its trailing `\n`) for any value. Line breaks inside strings are
 * escaped by JSON, so the only raw LF is the terminator.
 *
 * Contract: never throws; values JSON cannot hold are converted by `toJsonSafe`.
 */
export function toJsonLine(value: unknown): string {
  return `${JSON.stringify(toJsonSafe(value))}\n`;
}
