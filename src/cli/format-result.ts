/**
 * @module The final result as it is printed on stdout.
 */
import type { TextOutput } from "./cli-io.js";
import { toJsonSafe } from "./to-json-safe.js";
import { writeLine } from "./write-line.js";

/**
 * The text for stdout: a string as it is, anything else as indented JSON, ending with exactly
 * one newline; nothing when the entry returned nothing (`undefined`).
 */
export function formatResult(output: unknown): string {
  const text = resultText(output);
  if (text === undefined) return "";
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Writes what {@link formatResult} returns, without copying a long result to end its line. */
export function writeResult(output: TextOutput, value: unknown): void {
  const text = resultText(value);
  if (text === undefined) return;
  if (text.endsWith("\n")) output.write(text);
  else writeLine(output, text);
}

function resultText(output: unknown): string | undefined {
  if (output === undefined) return undefined;
  return typeof output === "string" ? output : JSON.stringify(toJsonSafe(output), null, 2);
}
