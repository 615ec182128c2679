/**
 * @module `--record FILE`: collects a run's model exchanges and approval decisions and writes
 * them in call-tree order (so parallel calls land in the same place every time). Recording onto
 * the file the run replays updates it instead (see `update-recording-text.ts`).
 */
import { readFile } from "node:fs/promises";
import { ConfigError, errorMessage } from "../errors.js";
import { replaceFile } from "../util/replace-file.js";
import { compareOrder } from "./call-keys.js";
import { formatRecording } from "./format-recording.js";
import type { RecordedApproval, RecordedExchange, Recording, RecordingEntry } from "./recording.js";
import { updateRecordingText } from "./update-recording-text.js";

interface Ordered {
  order: number[];
  entry: RecordingEntry;
}

/** Collects entries while a run goes on and writes them when it ends. */
export class Recorder {
  readonly #entries: Ordered[] = [];

  /** `file` is where {@link Recorder.save} writes; `displayName` names it in messages. */
  constructor(
    readonly file: string,
    private readonly displayName = file,
  ) {}

  /** Adds a completed exchange at its tree position. */
  addExchange(order: number[], exchange: RecordedExchange): void {
    this.#entries.push({ order, entry: exchange });
  }

  /** Adds an approval decision at the position of the call it decided. */
  addApproval(order: number[], approval: RecordedApproval): void {
    this.#entries.push({ order, entry: approval });
  }

  /** The entries so far, in call-tree order. */
  entries(): RecordingEntry[] {
    return [...this.#entries]
      .sort((left, right) => compareOrder(left.order, right.order))
      .map(({ entry }) => entry);
  }

  /**
   * Writes the file, whole or not at all. When it is one of the recordings the run replayed
   * (`replayed`), only the requests of its exchanges are updated. Contract: throws a ConfigError
   * naming the file when it cannot.
   */
  async save(replayed: readonly Recording[] = []): Promise<void> {
    try {
      const isReplayed = replayed.some((recording) => recording.path === this.file);
      const text = isReplayed
        ? updateRecordingText(await readFile(this.file, "utf8"), this.entries(), this.file)
        : formatRecording(this.entries(), this.file);
      await replaceFile(this.file, text);
    } catch (error) {
      throw new ConfigError(`cannot write the recording ${this.displayName}: ${errorMessage(error)}`);
    }
  }
}
