/**
 * @module Short, one-line renderings of outputs and expected values for check reasons.
 */

/** A value as one line of at most `limit` characters: strings quoted, others as JSON. */
export function shortValue(value: unknown, limit = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** The output as text: a string as it is, anything else as JSON. */
export function outputText(output: unknown): string {
  return typeof output === "string" ? output : (JSON.stringify(output) ?? String(output));
}
