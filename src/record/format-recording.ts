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
  if (isJsonLinesFile(file)) return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  const items = entries.map((entry) => stringify([entry], { lineWidth: 0, aliasDuplicateObjects: false }));
  return `${YAML_HEADER}${items.join("\n")}`;
}
