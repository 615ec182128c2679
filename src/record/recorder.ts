/**
 * @module `--record FILE`: appends each model exchange and approval decision to the file as soon
 * as it finishes (the unfinished form, see `unfinished-recording.ts`), so a killed run keeps
 * them; when the run ends, rewrites the file whole in call-tree order (so parallel calls land in
 * the same place every time).
 */
import { ConfigError, errorMessage } from "../errors.js";
import { type AppendFile, type OpenAppendFile, openAppendFile } from "../util/append-file.js";
import { replaceFile } from "../util/replace-file.js";
import { compareOrder } from "./call-keys.js";
import { formatEntry, joinRecording } from "./format-recording.js";
import { isJsonLinesFile } from "./parse-recording.js";
import type { RecordedApproval, RecordedExchange } from "./recording.js";
import { unfinishedEntry, unfinishedHeader } from "./unfinished-recording.js";

/** Options of {@link Recorder}. */
export interface RecorderOptions {
  /** Where the recording goes (an absolute path). */
  file: string;
  /** The file as the user named it, for messages. */
  displayName?: string;
  /** Told, once, when the file cannot be written while the run goes on; appending stops. */
  onError: (error: ConfigError) => void;
  /** Opens the file entries are appended to (default: the real file system). */
  openAppendFile?: OpenAppendFile;
}

interface Ordered {
  order: number[];
  /** The entry as written in the finished file. */
  text: string;
}

/** Appends entries while a run goes on and writes the finished file when it ends. */
export class Recorder {
  readonly #entries: Ordered[] = [];
  readonly #options: RecorderOptions;
  readonly #isJsonLines: boolean;
  /** The unfinished file: not opened yet, open, given up on, or replaced by the finished one. */
  #appended:
    | { type: "waiting" }
    | { type: "open"; file: AppendFile }
    | { type: "failed" }
    | { type: "saved" } = { type: "waiting" };

  constructor(options: RecorderOptions) {
    this.#options = options;
    this.#isJsonLines = isJsonLinesFile(options.file);
  }

  /** The file as the user named it. */
  get displayName(): string {
    return this.#options.displayName ?? this.#options.file;
  }

  /** Adds a completed exchange at its tree position, and appends it to the file. */
  addExchange(order: number[], exchange: RecordedExchange): void {
    this.#add(order, formatEntry(exchange, this.#options.file), exchange.key);
  }

  /** Adds an approval decision at the position of the call it decided, and appends it. */
  addApproval(order: number[], approval: RecordedApproval): void {
    this.#add(order, formatEntry(approval, this.#options.file), `approval ${approval.approval}`);
  }

  /**
   * Writes the finished file, whole or not at all (the unfinished one stays if this fails).
   * Contract: throws a ConfigError naming the file when it cannot.
   */
  async save(): Promise<void> {
    const texts = [...this.#entries]
      .sort((left, right) => compareOrder(left.order, right.order))
      .map(({ text }) => text);
    try {
      await replaceFile(this.#options.file, joinRecording(texts, this.#options.file));
    } catch (error) {
      throw this.#error(error);
    } finally {
      // Anything that finishes later (a stream the run's end cut off) must not reopen the file.
      if (this.#appended.type === "open") this.#appended.file.close();
      this.#appended = { type: "saved" };
    }
  }

  #add(order: number[], text: string, key: string): void {
    this.#entries.push({ order, text });
    try {
      this.#appendFile()?.append(unfinishedEntry(text, key, this.#isJsonLines));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opened at the first entry, not before: a replay of this same file has read it by then. */
  #appendFile(): AppendFile | undefined {
    if (this.#appended.type === "failed" || this.#appended.type === "saved") return undefined;
    if (this.#appended.type === "waiting") {
      const file = (this.#options.openAppendFile ?? openAppendFile)(this.#options.file);
      this.#appended = { type: "open", file };
      file.append(unfinishedHeader(this.#isJsonLines));
    }
    return this.#appended.file;
  }

  #fail(error: unknown): void {
    if (this.#appended.type === "open") this.#appended.file.close();
    this.#appended = { type: "failed" };
    this.#options.onError(this.#error(error));
  }

  #error(error: unknown): ConfigError {
    return new ConfigError(`cannot write the recording ${this.displayName}: ${errorMessage(error)}`);
  }
}
