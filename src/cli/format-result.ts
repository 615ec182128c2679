/**
 * @module The final result as it is printed on stdout.
 */
import { toJsonSafe } from "./to-json-safe.js";

/**
 * The text for stdout: a string as it is, anything else as indented JSON, ending with exactly
 * one newline; nothing when the entry returned nothing (`undefined`).
 */
export function formatResult(output: unknown): string {
  if (output === undefined) return "";
  const text = typeof output === "string" ? output : JSON.stringify(toJsonSafe(output), null, 2);
  return text.endsWith("\n") ? text : `${text}\n`;
}
