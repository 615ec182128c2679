/**
 * @module The unfinished form of a recording: what `--record FILE` holds while the run goes on,
 * and what a killed run leaves behind. A header says so; entries follow in the order they
 * finished, each YAML entry closed by an `# end of <key>` line (a JSON line is closed by its
 * newline). When the run ends the file is rewritten whole, in call-tree order, without them.
 * Reading an unfinished file keeps the whole entries and tells where the file ends.
 */
import type { RecordingEnd } from "./recording.js";

const MARK = "llm-do recording, unfinished";
const END_MARK = "# end";

const YAML_HEADER = [
  `# ${MARK}: the run that writes it has not ended, or was killed.`,
  "# Entries are in the order they finished, each closed by an '# end' line. When the run ends,",
  "# the file is rewritten in call-tree order. Replay it with --model replay:<this file>.",
  "",
  "",
].join("\n");

const JSON_HEADER = `${JSON.stringify({
  unfinished: `${MARK}: the run that writes it has not ended, or was killed; entries are in the order they finished`,
})}\n`;

/** The first text of an unfinished recording. */
export function unfinishedHeader(isJsonLines: boolean): string {
  return isJsonLines ? JSON_HEADER : YAML_HEADER;
}

/** One entry as appended: its text (`formatEntry`), closed by an end line in YAML. */
export function unfinishedEntry(text: string, key: string, isJsonLines: boolean): string {
  return isJsonLines ? text : `${text}${END_MARK} of ${key}\n\n`;
}

/** The whole entries of an unfinished recording, and where it ends. */
export interface UnfinishedText {
  /** The text of the whole entries (a slice of the file). */
  text: string;
  /** The file line on which `text` starts. */
  firstLine: number;
  /** Where the file was cut (`lastKey` is the parser's to fill in). */
  end: Extract<RecordingEnd, { type: "cut" }>;
}

/**
 * Splits an unfinished recording into its whole entries and the end; undefined when `text` is
 * not an unfinished recording (a finished one, or a hand-written script).
 */
export function splitUnfinished(text: string, isJsonLines: boolean): UnfinishedText | undefined {
  return isJsonLines ? splitJsonLines(text) : splitYaml(text);
}

function splitYaml(text: string): UnfinishedText | undefined {
  if (!text.startsWith(`# ${MARK}`)) return undefined;
  const closed = lastEndMark(text);
  // With no entry closed yet, the whole part is the header's comment lines.
  const wholeEnd = closed ?? headerEnd(text);
  const line = lineAt(text, wholeEnd - 1);
  const partial = firstContentLine(text, wholeEnd);
  return {
    text: text.slice(0, wholeEnd),
    firstLine: 1,
    end: { type: "cut", line, ...(partial === undefined ? {} : { partialLine: partial }) },
  };
}

function splitJsonLines(text: string): UnfinishedText | undefined {
  if (!text.startsWith('{"unfinished":')) return undefined;
  const headerEnd = text.indexOf("\n") + 1;
  if (headerEnd === 0) return { text: "", firstLine: 2, end: { type: "cut", line: 1 } };
  let wholeEnd = text.length;
  let partialLine: number | undefined;
  const lastLineStart = text.lastIndexOf("\n", text.length - 1) + 1;
  if (lastLineStart < text.length && !isJson(text.slice(lastLineStart))) {
    wholeEnd = lastLineStart;
    partialLine = lineAt(text, lastLineStart);
  }
  return {
    text: text.slice(headerEnd, wholeEnd),
    firstLine: 2,
    end: {
      type: "cut",
      line: lineAt(text, Math.max(wholeEnd - 1, 0)),
      ...(partialLine === undefined ? {} : { partialLine }),
    },
  };
}

/** The offset just after the last `# end` line at column 0, if any. */
function lastEndMark(text: string): number | undefined {
  let from = text.length;
  while (from > 0) {
    const index = text.lastIndexOf(`\n${END_MARK}`, from - 1);
    if (index < 0) return undefined;
    const after = text[index + 1 + END_MARK.length];
    if (after === undefined || after === " " || after === "\n" || after === "\r") {
      const lineEnd = text.indexOf("\n", index + 1);
      return lineEnd < 0 ? text.length : lineEnd + 1;
    }
    from = index;
  }
  return undefined;
}

/** The offset just after the comment and blank lines that start the text. */
function headerEnd(text: string): number {
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = text.indexOf("\n", offset);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    const line = text.slice(offset, next).trim();
    if (line !== "" && !line.startsWith("#")) return offset;
    offset = next;
  }
  return offset;
}

/** The line of the first line at or after `offset` that is neither blank nor a comment. */
function firstContentLine(text: string, offset: number): number | undefined {
  const rest = headerEnd(text.slice(offset));
  return offset + rest < text.length ? lineAt(text, offset + rest) : undefined;
}

/** The 1-based line of the character at `offset`. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  let index = text.indexOf("\n");
  while (index >= 0 && index < offset) {
    line++;
    index = text.indexOf("\n", index + 1);
  }
  return line;
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a cut recording ends, for messages: `demo.replay is unfinished (the run that recorded
 * it did not end): it ends at line 57, after main/1 > analyzer/2`.
 */
export function describeCut(file: string, end: Extract<RecordingEnd, { type: "cut" }>): string {
  const where = end.lastKey
    ? `it ends at line ${end.line}, after ${end.lastKey}`
    : `it holds no whole entry (it ends at line ${end.line})`;
  const partial = end.partialLine ? `; the entry cut short at line ${end.partialLine} was left out` : "";
  return `${file} is unfinished (the run that recorded it did not end): ${where}${partial}`;
}
