/**
 * @module Tool arguments and results as a few readable, truncated lines for the TUI.
 */
import { workerInputText } from "../cli/format-preview.js";
import { toJsonSafe } from "../cli/to-json-safe.js";

/** How much of a value is shown. */
export interface PreviewLimits {
  /** Most lines. */
  maxLines: number;
  /** Most characters in all (before the line cut). */
  maxChars: number;
  /** Most characters of one line. */
  maxLineChars: number;
}

/** Limits for arguments. */
export const ARGUMENT_LIMITS: PreviewLimits = { maxLines: 8, maxChars: 600, maxLineChars: 160 };
/** Limits for results. */
export const RESULT_LIMITS: PreviewLimits = { maxLines: 10, maxChars: 500, maxLineChars: 160 };

/**
 * A value as lines. An object shows one `key: value` line per property (a multi-line string
 * as an indented block); a string shows as it is; anything else as indented JSON. The text is
 * cut to the limits, the cut marked with `…` and `… (n more lines)`.
 */
export function previewValue(value: unknown, limits: PreviewLimits): string[] {
  return truncateLines(valueLines(value), limits);
}

/** A value on one line, cut to `maxChars` (a worker's `{ input }` shows just the text). */
export function previewInline(value: unknown, maxChars = 120): string {
  const text = workerInputText(value) ?? (typeof value === "string" ? value : compactJson(value));
  return cut(text.replace(/\s*\n\s*/g, " "), maxChars);
}

function valueLines(value: unknown): string[] {
  if (typeof value === "string") return splitLines(value);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const safe = toJsonSafe(value);
    if (safe !== null && typeof safe === "object" && !Array.isArray(safe)) {
      return Object.entries(safe).flatMap(([key, item]) => propertyLines(key, item));
    }
  }
  return prettyJson(value).split("\n");
}

function propertyLines(key: string, value: unknown): string[] {
  if (typeof value === "string") {
    if (!value.includes("\n")) return [`${key}: ${value}`];
    return [`${key}:`, ...splitLines(value).map((line) => `  ${line}`)];
  }
  return [`${key}: ${compactJson(value)}`];
}

/** Lines of a text, without the empty line after a final newline. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines;
}

function truncateLines(lines: string[], limits: PreviewLimits): string[] {
  const shown: string[] = [];
  let chars = 0;
  for (const line of lines) {
    if (shown.length === limits.maxLines || chars >= limits.maxChars) break;
    const room = Math.min(limits.maxLineChars, limits.maxChars - chars);
    shown.push(cut(line, room));
    chars += line.length + 1;
  }
  const hidden = lines.length - shown.length;
  if (hidden > 0) shown.push(`… (${hidden} more line${hidden === 1 ? "" : "s"})`);
  return shown;
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, Math.max(limit - 1, 0))}…` : text;
}

function compactJson(value: unknown): string {
  return JSON.stringify(toJsonSafe(value)) ?? "undefined";
}

function prettyJson(value: unknown): string {
  return JSON.stringify(toJsonSafe(value), null, 2) ?? "undefined";
}
