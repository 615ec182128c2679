import { describe, expect, test } from "vitest";
import {
  cursorPosition,
  deleteBackward,
  emptyInputBuffer,
  inputBufferOf,
  insertText,
  isOnFirstLine,
  isOnLastLine,
  moveCursor,
} from "./input-buffer.js";

describe("input buffer", () => {
  test("inserts at the cursor; carriage returns become newlines", () => {
    const typed = insertText(insertText(emptyInputBuffer, "helo"), "\r\nx");
    expect(typed).toEqual({ text: "helo\nx", cursor: 6 });
    const fixed = insertText(moveCursor(moveCursor(inputBufferOf("helo"), "left"), "left"), "l");
    expect(fixed).toEqual({ text: "hello", cursor: 3 });
  });

  test("deletes backwards, a surrogate pair at once", () => {
    expect(deleteBackward(inputBufferOf("ab"))).toEqual({ text: "a", cursor: 1 });
    expect(deleteBackward(inputBufferOf("a😀"))).toEqual({ text: "a", cursor: 1 });
    expect(deleteBackward(emptyInputBuffer)).toBe(emptyInputBuffer);
  });

  test("up and down keep the column where the line is long enough", () => {
    const buffer = { text: "first line\nab\nthird line", cursor: 8 };
    const down = moveCursor(buffer, "down");
    expect(cursorPosition(down)).toEqual({ line: 1, column: 2, lineCount: 3 });
    const further = moveCursor(down, "down");
    expect(cursorPosition(further)).toMatchObject({ line: 2, column: 2 });
    expect(moveCursor(further, "down")).toBe(further);
    expect(cursorPosition(moveCursor(moveCursor(further, "up"), "up"))).toMatchObject({ line: 0, column: 2 });
  });

  test("first and last line, line start and end", () => {
    const buffer = { text: "one\ntwo", cursor: 5 };
    expect(isOnFirstLine(buffer)).toBe(false);
    expect(isOnLastLine(buffer)).toBe(true);
    expect(moveCursor(buffer, "line-start").cursor).toBe(4);
    expect(moveCursor(buffer, "line-end").cursor).toBe(7);
    expect(isOnFirstLine(moveCursor(buffer, "up"))).toBe(true);
    expect(isOnFirstLine(emptyInputBuffer) && isOnLastLine(emptyInputBuffer)).toBe(true);
  });
});
