/**
 * @module `--record FILE`: appends each model exchange and approval decision to the file as soon
 * as it finishes (the unfinished form, see `unfinished-recording.ts`), so a killed run keeps
 * them; when the run ends, rewrites the file whole in call-tree order (so parallel calls land in
 * the same place every time). Recording onto the file the run replays appends nothing (the file
 * is the replay's source) and updates the requests of its exchanges at the end instead (see
 * `update-recording-text.ts`).
 */
import { readFile } from "node:fs/promises";
import { ConfigError, errorMessage } from "../errors.js";
import { type AppendFile, type OpenAppendFile, openAppendFile } from "../util/append-file.js";
import { replaceFile } from "../util/replace-file.js";
import { compareOrder } from "./call-keys.js";
import { formatEntry, joinRecording } from "./format-recording.js";
import { isJsonLinesFile } from "./parse-recording.js";
import type { RecordedApproval, RecordedExchange, RecordingEntry } from "./recording.js";
import { unfinishedEntry, unfinishedHeader } from "./unfinished-recording.js";
import { updateRecordingText } from "./update-recording-text.js";

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
  /** True when the run replays this same file (asked at the first entry, once the replay read it). */
  isReplayed?: () => boolean;
}

interface Ordered {
  order: number[];
  entry: RecordingEntry;
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
    | { type: "replayed" }
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
    this.#add(order, exchange, exchange.key);
  }

  /** Adds an approval decision at the position of the call it decided, and appends it. */
  addApproval(order: number[], approval: RecordedApproval): void {
    this.#add(order, approval, `approval ${approval.approval}`);
  }

  /** The entries so far, in call-tree order. */
  entries(): RecordingEntry[] {
    return this.#sorted().map(({ entry }) => entry);
  }

  /**
   * Writes the finished file, whole or not at all (the unfinished one stays if this fails).
   * Contract: throws a ConfigError naming the file when it cannot.
   */
  async save(): Promise<void> {
    const { file } = this.#options;
    try {
      const text =
        this.#appended.type === "replayed" || this.#options.isReplayed?.()
          ? updateRecordingText(await readFile(file, "utf8"), this.entries(), file)
          : joinRecording(
              this.#sorted().map(({ text }) => text),
              file,
            );
      await replaceFile(file, text);
    } catch (error) {
      throw this.#error(error);
    } finally {
      // Anything that finishes later (a stream the run's end cut off) must not reopen the file.
      if (this.#appended.type === "open") this.#appended.file.close();
      this.#appended = { type: "saved" };
    }
  }

  #sorted(): Ordered[] {
    return [...this.#entries].sort((left, right) => compareOrder(left.order, right.order));
  }

  #add(order: number[], entry: RecordingEntry, key: string): void {
    const text = formatEntry(entry, this.#options.file);
    this.#entries.push({ order, entry, text });
    try {
      this.#appendFile()?.append(unfinishedEntry(text, key, this.#isJsonLines));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opened at the first entry, not before: a replay of this same file has read it by then. */
  #appendFile(): AppendFile | undefined {
    if (this.#appended.type === "waiting" && this.#options.isReplayed?.()) {
      this.#appended = { type: "replayed" };
    }
    if (this.#appended.type !== "waiting" && this.#appended.type !== "open") return undefined;
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
