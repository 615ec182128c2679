/**
 * @module Splits a worker file into its YAML front matter and its body.
 */
import { WorkerFileError } from "../errors.js";

/** A worker file cut at its `---` lines. */
export interface FrontMatterParts {
  /** The YAML text between the `---` lines (may be empty). */
  frontMatter: string;
  /** The file line (1-based) on which `frontMatter` starts. */
  firstLine: number;
  /** The text after the closing `---` line, trimmed, with LF line ends. */
  body: string;
}

const DELIMITER = /^---[ \t]*$/;

/**
 * Cuts `text` at a first line `---` and the next line `---` (trailing whitespace allowed on
 * both). A leading UTF-8 byte-order mark is ignored; CRLF line ends are accepted and become LF.
 *
 * Contract: throws `WorkerFileError` at 1:1 when the file does not start with `---` or the front
 * matter is never closed.
 */
export function splitFrontMatter(text: string, file: string): FrontMatterParts {
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r?\n/);
  if (!DELIMITER.test(lines[0] ?? "")) {
    throw new WorkerFileError(
      file,
      1,
      1,
      "missing front matter: a worker file starts with a '---' line, then YAML, then a closing '---' line",
    );
  }
  const closing = lines.findIndex((line, index) => index > 0 && DELIMITER.test(line));
  if (closing === -1) {
    throw new WorkerFileError(
      file,
      1,
      1,
      "front matter is not closed: add a '---' line after the YAML, before the instructions",
    );
  }
  return {
    frontMatter: lines.slice(1, closing).join("\n"),
    firstLine: 2,
    body: lines
      .slice(closing + 1)
      .join("\n")
      .trim(),
  };
}
