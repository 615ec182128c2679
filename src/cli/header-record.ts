/**
 * @module The first record of every `--json` stream.
 */
import { EVENT_SCHEMA_VERSION } from "../events/run-event.js";

/** The first NDJSON record: says what the stream is and which schema its records follow. */
export interface HeaderRecord {
  type: "llm-do";
  /** The event schema version (`EVENT_SCHEMA_VERSION`); it changes when a record changes shape. */
  version: number;
  /** The llm-do package version. */
  llmDoVersion: string;
}

/** The header record for this llm-do. */
export function headerRecord(llmDoVersion: string): HeaderRecord {
  return { type: "llm-do", version: EVENT_SCHEMA_VERSION, llmDoVersion };
}
