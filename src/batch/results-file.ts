/**
 * @module The results of a batch: a JSON Lines file, one line per finished item, appended as
 * items finish. A line is written in one piece; a line cut short (the process was killed while
 * writing it) is removed when the file is opened again, and its item counts as unfinished.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  writeSync,
} from "node:fs";
import { toJsonSafe } from "../cli/to-json-safe.js";
import { ConfigError, errorMessage } from "../errors.js";
import type { BatchResult } from "./batch-item.js";

/** An open results file. */
export class ResultsFile {
  readonly #descriptor: number;
  readonly #done = new Map<string, BatchResult>();

  private constructor(
    readonly file: string,
    private readonly displayName: string,
  ) {
    try {
      this.#descriptor = openSync(file, "a+");
    } catch (error) {
      throw new ConfigError(`--out ${displayName}: cannot open it (${errorMessage(error)})`);
    }
    this.#load();
  }

  /**
   * Opens (or creates) `file` and reads the results already in it. Contract: throws a
   * ConfigError naming the line when a line is not a result of `llm-do batch`.
   */
  static open(file: string, displayName = file): ResultsFile {
    return new ResultsFile(file, displayName);
  }

  /** The results in the file, by item key. */
  get done(): ReadonlyMap<string, BatchResult> {
    return this.#done;
  }

  /**
   * Identifies the batch this file records: the same file (path, inode and creation time) gives
   * the same id, so the same command resumes; a removed and recreated file starts a new batch
   * (even when the file system gives it the same inode).
   */
  identity(): string {
    const info = fstatSync(this.#descriptor, { bigint: true });
    return createHash("sha256")
      .update(`${realpathSync(this.file)}\n${info.dev}\n${info.ino}\n${info.birthtimeNs}`)
      .digest("hex")
      .slice(0, 16);
  }

  /** Appends a result unless its item already has one; returns false when it had. */
  append(result: BatchResult): boolean {
    if (this.#done.has(result.key)) return false;
    const line = Buffer.from(`${JSON.stringify(toJsonSafe(result))}\n`);
    try {
      for (let written = 0; written < line.length; ) {
        written += writeSync(this.#descriptor, line, written, line.length - written);
      }
    } catch (error) {
      throw new ConfigError(`--out ${this.displayName}: cannot write (${errorMessage(error)})`);
    }
    this.#done.set(result.key, result);
    return true;
  }

  close(): void {
    closeSync(this.#descriptor);
  }

  #load(): void {
    const text = readFileSync(this.#descriptor, "utf8");
    const end = text.lastIndexOf("\n") + 1;
    if (end < text.length) ftruncateSync(this.#descriptor, Buffer.byteLength(text.slice(0, end)));
    text
      .slice(0, end)
      .split("\n")
      .forEach((line, index) => {
        if (line.trim() === "") return;
        const result = parseResult(line);
        if (!result) {
          throw new ConfigError(
            `${this.displayName}:${index + 1}: not a result line of llm-do batch; give --out a new file`,
          );
        }
        if (!this.#done.has(result.key)) this.#done.set(result.key, result);
      });
  }
}

function parseResult(line: string): BatchResult | undefined {
  try {
    const value = JSON.parse(line) as Partial<BatchResult> | null;
    if (typeof value?.key !== "string") return undefined;
    if (value.outcome !== "ok" && value.outcome !== "error") return undefined;
    return value as BatchResult;
  } catch {
    return undefined;
  }
}
