/**
 * @module Reads one page of a text file, scanning the whole file only the first time its current
 * version is read: later pages seek to a checkpoint and decode just what they need.
 */
import type { LRUCache } from "lru-cache";
import { findCheckpoint } from "./code-point-index.js";
import { type FileIdentityStats, fileIdentity } from "./file-identity.js";
import type { OpenFile } from "./file-operations.js";
import { readPageFromCheckpoint } from "./read-page-from-checkpoint.js";
import { readTextPage, type TextPage } from "./read-text-page.js";
import { defaultCheckpointBytes, scanTextFile, type TextFileScan } from "./scan-text-file.js";

/** Options for {@link readIndexedTextPage}. */
export interface ReadIndexedTextPageOptions {
  /** The `fstat` of `file` itself, taken after it was opened and checked. */
  stats: FileIdentityStats;
  /** Scans by {@link fileIdentity}: read, and filled on a miss. */
  scans: LRUCache<string, TextFileScan>;
  /** The first character (code point) to return. */
  offset: number;
  /** The most characters to return. */
  maxChars: number;
  /** Checked between chunks. */
  signal?: AbortSignal;
  /** Bytes between checkpoints of a new scan (default 1 MiB). */
  checkpointBytes?: number;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
}

/**
 * The same page `readTextPage` returns for `file` read from its start, with the same verdict on
 * binary files. A file no bigger than one checkpoint is read that way, in one pass. A miss scans the whole file once (validity, length, checkpoints) and caches the
 * result, binary verdicts included; then the page is decoded from the nearest checkpoint. If the
 * bytes no longer match the cached scan, the entry is dropped and the page is read in one full
 * pass, as without a cache.
 *
 * Contract: rejects with the signal's reason when aborted (caching nothing); does not close `file`.
 */
export async function readIndexedTextPage(
  file: OpenFile,
  options: ReadIndexedTextPageOptions,
): Promise<TextPage> {
  const { scans, offset, maxChars, signal, chunkSize } = options;
  const checkpointBytes = options.checkpointBytes ?? defaultCheckpointBytes;
  // A file within one checkpoint gains nothing from an index: one pass reads the page and counts
  // the rest, where a scan and then the page would read it twice.
  if (options.stats.size <= checkpointBytes)
    return readTextPage(file, { offset, maxChars, signal, chunkSize });
  const key = fileIdentity(options.stats);
  let scan = scans.get(key);
  if (scan === undefined) {
    scan = await scanTextFile(file, { checkpointBytes, signal, chunkSize });
    scans.set(key, scan);
  }
  if (scan.type === "binary") return scan;
  const { totalChars } = scan;
  const checkpoint = findCheckpoint(scan.checkpoints, offset);
  const page = await readPageFromCheckpoint(file, {
    checkpoint,
    offset,
    maxChars,
    totalChars,
    signal,
    chunkSize,
  });
  if (page !== undefined) return { type: "text", ...page, totalChars };
  // Rewritten in place without its identity changing (within the timestamps' resolution).
  scans.delete(key);
  file.seek(0);
  return readTextPage(file, { offset, maxChars, signal, chunkSize });
}
