/**
 * @module The text of the chat input box and its cursor, edited by pure functions. The text
 * may hold several lines (`\n`); the cursor is an index into it.
 */

/** The input box's text and cursor position. */
export interface InputBuffer {
  /** The text, lines separated by `\n`. */
  readonly text: string;
  /** Where the next character goes: 0 to `text.length`. */
  readonly cursor: number;
}

/** Where the cursor can move. */
export type CursorMove = "left" | "right" | "up" | "down" | "line-start" | "line-end";

/** An empty box. */
export const emptyInputBuffer: InputBuffer = { text: "", cursor: 0 };

/** A box holding `text`, with the cursor at its end. */
export function inputBufferOf(text: string): InputBuffer {
  return { text, cursor: text.length };
}

/** Inserts `text` at the cursor (carriage returns become line feeds). */
export function insertText(buffer: InputBuffer, text: string): InputBuffer {
  const clean = text.replace(/\r\n?/g, "\n");
  const { text: current, cursor } = buffer;
  return { text: current.slice(0, cursor) + clean + current.slice(cursor), cursor: cursor + clean.length };
}

/** Deletes the character before the cursor (a whole surrogate pair). */
export function deleteBackward(buffer: InputBuffer): InputBuffer {
  if (buffer.cursor === 0) return buffer;
  const start = previousIndex(buffer.text, buffer.cursor);
  return { text: buffer.text.slice(0, start) + buffer.text.slice(buffer.cursor), cursor: start };
}

/** The cursor's line and column (0-based) and the number of lines. */
export function cursorPosition(buffer: InputBuffer): { line: number; column: number; lineCount: number } {
  const before = buffer.text.slice(0, buffer.cursor);
  const line = countNewlines(before);
  const column = before.length - (before.lastIndexOf("\n") + 1);
  return { line, column, lineCount: countNewlines(buffer.text) + 1 };
}

/** True when the cursor is on the first line. */
export function isOnFirstLine(buffer: InputBuffer): boolean {
  return cursorPosition(buffer).line === 0;
}

/** True when the cursor is on the last line. */
export function isOnLastLine(buffer: InputBuffer): boolean {
  const { line, lineCount } = cursorPosition(buffer);
  return line === lineCount - 1;
}

/** Moves the cursor; up and down keep the column where the other line is long enough. */
export function moveCursor(buffer: InputBuffer, move: CursorMove): InputBuffer {
  const { text, cursor } = buffer;
  const lineStart = text.lastIndexOf("\n", cursor - 1) + 1;
  const lineEnd = endOfLine(text, cursor);
  switch (move) {
    case "left":
      return { text, cursor: cursor === 0 ? 0 : previousIndex(text, cursor) };
    case "right":
      return { text, cursor: cursor >= text.length ? text.length : nextIndex(text, cursor) };
    case "line-start":
      return { text, cursor: lineStart };
    case "line-end":
      return { text, cursor: lineEnd };
    case "up": {
      if (lineStart === 0) return buffer;
      const previousStart = text.lastIndexOf("\n", lineStart - 2) + 1;
      return { text, cursor: Math.min(previousStart + (cursor - lineStart), lineStart - 1) };
    }
    case "down": {
      if (lineEnd === text.length) return buffer;
      const nextStart = lineEnd + 1;
      return { text, cursor: Math.min(nextStart + (cursor - lineStart), endOfLine(text, nextStart)) };
    }
  }
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

function countNewlines(text: string): number {
  let count = 0;
  for (const character of text) if (character === "\n") count += 1;
  return count;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function previousIndex(text: string, index: number): number {
  return index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) ? index - 2 : index - 1;
}

function nextIndex(text: string, index: number): number {
  return isLowSurrogate(text.charCodeAt(index + 1)) ? index + 2 : index + 1;
}
