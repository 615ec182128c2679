/**
 * @module Short, readable previews of call arguments and results for `-v` output.
 */
import { toJsonSafe } from "./to-json-safe.js";

/** Most characters of arguments shown on one line. */
export const ARGUMENT_PREVIEW_CHARS = 200;
/** Most characters of a result shown. */
export const RESULT_PREVIEW_CHARS = 500;
/** Most lines of a result shown. */
export const RESULT_PREVIEW_LINES = 10;

/** Cuts text to `limit` characters, marking the cut with `...`. */
export function truncateText(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}...` : text;
}

/** Arguments on one line: compact JSON, cut to 200 characters. A worker's `{ input }` shows the text. */
export function previewArguments(input: unknown): string {
  const text = workerInputText(input) ?? JSON.stringify(toJsonSafe(input));
  return truncateText(text.replace(/\s*\n\s*/g, " "), ARGUMENT_PREVIEW_CHARS);
}

/**
 * A result as indented lines: strings as they are, other values as indented JSON; cut to 500
 * characters, then to 10 lines (`... (<n> more lines)`).
 */
export function previewResult(output: unknown, indent = "  "): string[] {
  const text =
    typeof output === "string" ? output : (JSON.stringify(toJsonSafe(output), null, 2) ?? "undefined");
  const lines = truncateText(text, RESULT_PREVIEW_CHARS).split("\n");
  if (lines.length > RESULT_PREVIEW_LINES) {
    const hidden = lines.length - RESULT_PREVIEW_LINES;
    lines.length = RESULT_PREVIEW_LINES;
    lines.push(`... (${hidden} more line${hidden === 1 ? "" : "s"})`);
  }
  return lines.map((line) => indent + line);
}

/** The text of a worker's input `{ input: "..." }` (its only property); undefined for anything else. */
export function workerInputText(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const keys = Object.keys(input);
  const text = (input as { input?: unknown }).input;
  return typeof text === "string" && keys.length === 1 ? text : undefined;
}
