/**
 * @module Writes a line without copying a long text to add its line feed.
 */
import type { TextOutput } from "./cli-io.js";

/** From this length on, text and line feed are written apart (see {@link writeLine}). */
export const LONG_LINE = 64 * 1024;

/**
 * Writes `text` and a line feed. A short line is one write. A long one (a whole streamed answer
 * in a record) is written as it is, then the line feed: `text + "\n"` would make the process hold
 * one more copy of it while it is written.
 */
export function writeLine(output: TextOutput, text: string): void {
  if (text.length < LONG_LINE) {
    output.write(`${text}\n`);
    return;
  }
  output.write(text);
  output.write("\n");
}
