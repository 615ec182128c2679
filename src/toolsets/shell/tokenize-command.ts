/**
 * @module Splits a command string into words by the POSIX shell's quoting rules, and nothing
 * more: no expansion, no globbing, no comments, no operators.
 */

/** The outcome of {@link tokenizeCommand}: the words, or why the string cannot be split. */
export type TokenizeResult = { type: "ok"; tokens: string[] } | { type: "error"; message: string };

const whitespace = new Set([" ", "\t", "\n", "\r"]);
const escapableInDoubleQuotes = new Set(['"', "\\", "$", "`", "\n"]);

/**
 * Splits `command` into words the way a POSIX shell does before expansion.
 *
 * - Spaces, tabs and newlines separate words; several in a row count as one.
 * - Single quotes keep everything up to the next `'` literally.
 * - Inside double quotes a backslash escapes only `"`, `\`, `$`, `` ` `` and newline; before any
 *   other character it stays a backslash.
 * - Outside quotes a backslash makes the next character literal.
 * - A backslash before a newline (outside single quotes) is a line continuation: both vanish.
 * - Quotes join with their neighbours (`a'b c'd` is one word); `''` is an empty word.
 * - `#`, `$`, `~`, `*` and the like are ordinary characters: nothing here expands them.
 *
 * Contract: never throws. An unclosed quote gives `No closing quotation`; a backslash at the
 * very end gives `No escaped character after trailing backslash`.
 */
export function tokenizeCommand(command: string): TokenizeResult {
  const tokens: string[] = [];
  let word = "";
  let inWord = false;
  let index = 0;
  while (index < command.length) {
    // Non-null: `index` is below `command.length`.
    const character = command[index]!;
    if (whitespace.has(character)) {
      if (inWord) tokens.push(word);
      word = "";
      inWord = false;
      index += 1;
    } else if (character === "'") {
      const end = command.indexOf("'", index + 1);
      if (end === -1) return { type: "error", message: "No closing quotation" };
      word += command.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (character === '"') {
      const quoted = readDoubleQuoted(command, index + 1);
      if (quoted === undefined) return { type: "error", message: "No closing quotation" };
      word += quoted.text;
      inWord = true;
      index = quoted.next;
    } else if (character === "\\") {
      const next = command[index + 1];
      if (next === undefined)
        return { type: "error", message: "No escaped character after trailing backslash" };
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
      index += 2;
    } else {
      word += character;
      inWord = true;
      index += 1;
    }
  }
  if (inWord) tokens.push(word);
  return { type: "ok", tokens };
}

/** Reads a double-quoted string whose opening quote is just before `start`. */
function readDoubleQuoted(command: string, start: number): { text: string; next: number } | undefined {
  let text = "";
  let index = start;
  while (index < command.length) {
    // Non-null: `index` is below `command.length`.
    const character = command[index]!;
    if (character === '"') return { text, next: index + 1 };
    const next = command[index + 1];
    if (character === "\\" && next !== undefined && escapableInDoubleQuotes.has(next)) {
      if (next !== "\n") text += next;
      index += 2;
    } else {
      text += character;
      index += 1;
    }
  }
  return undefined;
}
