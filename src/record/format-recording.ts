/**
 * @module Writes recordings: YAML (one list item per entry, a blank line between them), or JSON
 * lines for `.jsonl` / `.ndjson` files. Long text stays on one line or in a block scalar, so a
 * changed response is a small diff.
 */
import { stringify } from "yaml";
import { isJsonLinesFile } from "./parse-recording.js";
import type { RecordingEntry } from "./recording.js";

const YAML_HEADER = [
  "# llm-do recording: model exchanges keyed by call path and step, and approval decisions.",
  "# Replay it with --model replay:<this file>. Format: docs/testing.md.",
  "",
  "",
].join("\n");

/** The text of a recording file named `file` (the name picks the format). */
export function formatRecording(entries: readonly RecordingEntry[], file: string): string {
  return joinRecording(
    entries.map((entry) => formatEntry(entry, file)),
    file,
  );
}

/**
 * One entry as it appears in a file named `file`: a YAML list item, or a JSON line. Contract:
 * in YAML only the first line starts at column 0 (`- `); every other line is indented.
 */
export function formatEntry(entry: RecordingEntry, file: string): string {
  if (isJsonLinesFile(file)) return `${JSON.stringify(entry)}\n`;
  return stringify([entry], { lineWidth: 0, aliasDuplicateObjects: false });
}

/** A whole recording from its entries' {@link formatEntry} texts, in order. */
export function joinRecording(entries: readonly string[], file: string): string {
  if (isJsonLinesFile(file)) return entries.join("");
  return `${YAML_HEADER}${entries.join("\n")}`;
}
