/**
 * @module `--record FILE`: collects a run's model exchanges and approval decisions and writes
 * them in call-tree order (so parallel calls land in the same place every time).
 */
import { ConfigError, errorMessage } from "../errors.js";
import { replaceFile } from "../util/replace-file.js";
import { compareOrder } from "./call-keys.js";
import { formatRecording } from "./format-recording.js";
import type { RecordedApproval, RecordedExchange, RecordingEntry } from "./recording.js";

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

  /** Writes the file, whole or not at all. Contract: throws a ConfigError naming the file when it cannot. */
  async save(): Promise<void> {
    try {
      await replaceFile(this.file, formatRecording(this.entries(), this.file));
    } catch (error) {
      throw new ConfigError(`cannot write the recording ${this.displayName}: ${errorMessage(error)}`);
    }
  }
}
