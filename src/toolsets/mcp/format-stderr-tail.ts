/**
 * @module The end of a server's stderr, appended to a message so users see why it failed.
 */

/** Options for {@link formatStderrTail}. */
export interface FormatStderrTailOptions {
  /** At most this many lines, from the end (default 10). */
  maxLines?: number;
}

/**
 * `\n  stderr| line` for each of the last lines, or `""` when there is nothing to show.
 * Blank lines are dropped.
 */
export function formatStderrTail(tail: string, options: FormatStderrTailOptions = {}): string {
  const lines = tail
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line !== "");
  return lines
    .slice(-(options.maxLines ?? 10))
    .map((line) => `\n  stderr| ${line}`)
    .join("");
}
