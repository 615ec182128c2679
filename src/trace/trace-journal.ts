/**
 * @module `--trace FILE` while the run goes on: the events a trace is built from are appended to
 * FILE as JSON lines (inputs and outputs already cut to trace size), so a killed run leaves a
 * trace of everything up to the kill; `llm-do trace` reads it (see `read-trace-journal.ts`).
 * When the run ends, FILE is replaced by the finished trace document.
 */
import { ConfigError, errorMessage } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { type AppendFile, type OpenAppendFile, openAppendFile } from "../util/append-file.js";
import { isTracedEvent } from "./trace-builder.js";
import { type TruncateOptions, truncateValue } from "./truncate-value.js";

/** The `format` of the first line of an unfinished trace. */
export const TRACE_JOURNAL_FORMAT = "llm-do-trace-events";

/** One line after the first: an event and when it happened (epoch milliseconds). */
export interface TraceJournalLine {
  time: number;
  event: RunEvent;
}

/** Options of {@link TraceJournal}. */
export interface TraceJournalOptions {
  /** Where the trace goes (an absolute path). */
  file: string;
  /** The file as the user named it, for messages. */
  displayName?: string;
  /** Told, once, when the file cannot be written while the run goes on; appending stops. */
  onError: (error: ConfigError) => void;
  /** Opens the file (default: the real file system). */
  openAppendFile?: OpenAppendFile;
  /** How values are cut (as the finished trace cuts them). */
  truncate?: TruncateOptions;
}

/** Appends a run's traced events to its trace file. */
export class TraceJournal {
  readonly #options: TraceJournalOptions;
  /** Lines that came before {@link TraceJournal.open}. */
  #pending: string[] = [];
  #state: { type: "waiting" } | { type: "open"; file: AppendFile } | { type: "stopped" } = {
    type: "waiting",
  };

  constructor(options: TraceJournalOptions) {
    this.#options = options;
  }

  /**
   * Creates the file and writes what came so far. Contract: throws a ConfigError naming the file
   * when it cannot.
   */
  open(): void {
    if (this.#state.type !== "waiting") return;
    const header = JSON.stringify({
      format: TRACE_JOURNAL_FORMAT,
      version: 1,
      note: "an unfinished llm-do trace: the run has not ended, or was killed; show it with llm-do trace FILE",
    });
    try {
      const file = (this.#options.openAppendFile ?? openAppendFile)(this.#options.file);
      this.#state = { type: "open", file };
      file.append(`${[header, ...this.#pending].join("\n")}\n`);
    } catch (error) {
      this.close();
      throw this.#error(error);
    } finally {
      this.#pending = [];
    }
  }

  /** Appends `event` (at `time`, epoch milliseconds) when the trace uses it. */
  add(event: RunEvent, time: number): void {
    if (!isTracedEvent(event) || this.#state.type === "stopped") return;
    const line = toLine(event, time, this.#options.truncate ?? {});
    if (line === undefined) return;
    if (this.#state.type === "waiting") {
      this.#pending.push(line);
      return;
    }
    try {
      this.#state.file.append(`${line}\n`);
    } catch (error) {
      this.close();
      this.#options.onError(this.#error(error));
    }
  }

  /** Stops appending (the finished trace replaces the file, or the run failed to write it). */
  close(): void {
    if (this.#state.type === "open") this.#state.file.close();
    this.#state = { type: "stopped" };
    this.#pending = [];
  }

  #error(error: unknown): ConfigError {
    const name = this.#options.displayName ?? this.#options.file;
    return new ConfigError(`cannot write the trace ${name}: ${errorMessage(error)}`);
  }
}

function toLine(event: RunEvent, time: number, truncate: TruncateOptions): string | undefined {
  const line: TraceJournalLine = { time, event: slim(event, truncate) };
  try {
    return JSON.stringify(line, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
  } catch {
    return undefined;
  }
}

/** The event with what the trace keeps of its values: inputs and outputs cut, no tool input. */
function slim(event: RunEvent, truncate: TruncateOptions): RunEvent {
  switch (event.type) {
    case "run-start":
    case "call-start":
      return { ...event, input: truncateValue(event.input, truncate) };
    case "run-end":
    case "call-end":
      return event.output === undefined ? event : { ...event, output: truncateValue(event.output, truncate) };
    case "approval-request":
      return { ...event, request: { ...event.request, input: null } };
    default:
      return event;
  }
}
