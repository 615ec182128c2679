/**
 * @module Keeps trace files small: long strings are cut, and a value whose JSON is still too long
 * becomes a preview of it.
 */

/** Limits of {@link truncateValue}. */
export interface TruncateOptions {
  /** Longest string kept whole (default 2000 characters). */
  maxString?: number;
  /** Longest JSON kept as a value (default 8000 characters). */
  maxJson?: number;
}

/** A value whose JSON was too long to keep. */
export interface TruncatedValue {
  truncated: true;
  /** The length of the whole JSON. */
  chars: number;
  /** Its first characters. */
  preview: string;
}

/** The value, JSON-safe, with long parts cut. Never throws. */
export function truncateValue(value: unknown, options: TruncateOptions = {}): unknown {
  const maxString = options.maxString ?? 2000;
  const maxJson = options.maxJson ?? 8000;
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "string" && item.length > maxString ? cutString(item, maxString) : item,
    );
  } catch {
    return String(value);
  }
  if (json === undefined) return null;
  if (json.length <= maxJson) return JSON.parse(json) as unknown;
  const truncated: TruncatedValue = {
    truncated: true,
    chars: json.length,
    preview: json.slice(0, maxString),
  };
  return truncated;
}

function cutString(text: string, length: number): string {
  return `${text.slice(0, length)}... [truncated, ${text.length} chars]`;
}
