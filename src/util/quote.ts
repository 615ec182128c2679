/**
 * @module Names in messages: quoted, with the characters that would corrupt a terminal line
 * (control characters, NUL, line breaks, bidirectional overrides) escaped, so a name prints on
 * one line and reads as what it is.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every unprintable character written as an escape (`\n`, `\u0000`, `\u202e`). */
export function escapeUnprintable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (character) => NAMED[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `'name'`, with unprintable characters escaped. */
export function quote(name: string): string {
  return `'${escapeUnprintable(name)}'`;
}
