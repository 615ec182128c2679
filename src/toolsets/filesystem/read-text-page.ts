/**
 * @module Reads one page of a UTF-8 text file in fixed-size chunks, so memory stays bounded by the
 * page plus one chunk whatever the file's size. The whole file is scanned only the first time its
 * current version is read: later pages seek to a checkpoint and decode just what they need.
 */
import type { LRUCache } from "lru-cache";
import type { OpenFile } from "./file-operations.js";
import {
  type Checkpoint,
  defaultCheckpointBytes,
  type FileIdentityStats,
  fileIdentity,
  findCheckpoint,
  isContinuation,
  scanTextFile,
  type TextFileScan,
} from "./scan-text-file.js";
import { createPageCollector, createTextChunkDecoder, defaultChunkSize } from "./text-chunks.js";

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

/** Options for {@link readTextPage}. */
export interface ReadTextPageOptions {
  /** The first character (code point) to return. */
  offset: number;
  /** The most characters to return. */
  maxChars: number;
  /** Checked between chunks. */
  signal?: AbortSignal;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
}

/** A page of text, or the verdict that the file is not text. */
export type TextPage =
  | {
      type: "text";
      /** Characters `[offset, offset + maxChars)` of the file. */
      content: string;
      /** The number of characters in `content`. */
      charsRead: number;
      /** The number of characters in the whole file. */
      totalChars: number;
    }
  | { type: "binary" };

/**
 * Reads `file` from its current position to the end, keeping only the requested page and counting
 * every character. A file is binary when its first 8 KiB hold a NUL byte or any of it is not
 * valid UTF-8 (so validity is checked past the page too). A byte-order mark is kept and counts as
 * a character.
 *
 * Contract: rejects with the signal's reason when aborted; does not close `file`.
 */
export async function readTextPage(file: OpenFile, options: ReadTextPageOptions): Promise<TextPage> {
  const decoder = createTextChunkDecoder();
  const buffer = new Uint8Array(options.chunkSize ?? defaultChunkSize);
  const page = createPageCollector(options.offset, options.maxChars);
  for (;;) {
    options.signal?.throwIfAborted();
    const bytesRead = await file.read(buffer);
    if (bytesRead === 0) break;
    const text = decoder.decode(buffer.subarray(0, bytesRead));
    if (text === undefined) return { type: "binary" };
    page.add(text);
  }
  const rest = decoder.end();
  if (rest === undefined) return { type: "binary" };
  page.add(rest);
  const { content, charsRead, charsSeen } = page.result();
  return { type: "text", content, charsRead, totalChars: charsSeen };
}

/** Options for {@link readPageFromCheckpoint}. */
export interface ReadPageFromCheckpointOptions {
  /** Where to start decoding: a checkpoint at or before `offset`. */
  checkpoint: Checkpoint;
  /** The first character (code point) to return. */
  offset: number;
  /** The most characters to return. */
  maxChars: number;
  /** The number of characters in the whole file, as the scan found. */
  totalChars: number;
  /** Checked between chunks. */
  signal?: AbortSignal;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
}

/**
 * Counts forward from the checkpoint to the byte where character `offset` starts (without
 * decoding), then decodes only until the page is full. Resolves to `undefined` when the bytes do
 * not match the scan (the page is not valid UTF-8, or the file ends early): the file changed since
 * it was scanned.
 *
 * Contract: rejects with the signal's reason when aborted; does not close `file`.
 */
export async function readPageFromCheckpoint(
  file: OpenFile,
  options: ReadPageFromCheckpointOptions,
): Promise<{ content: string; charsRead: number } | undefined> {
  const wanted = Math.max(Math.min(options.maxChars, options.totalChars - options.offset), 0);
  if (wanted === 0) return { content: "", charsRead: 0 };
  const buffer = new Uint8Array(options.chunkSize ?? defaultChunkSize);
  const start = await findCharacterStart(file, buffer, options);
  if (start === undefined) return undefined;
  const decoder = createTextChunkDecoder(start);
  const page = createPageCollector(0, wanted);
  file.seek(start);
  while (!page.isFull) {
    options.signal?.throwIfAborted();
    const bytesRead = await file.read(buffer);
    const text = bytesRead === 0 ? decoder.end() : decoder.decode(buffer.subarray(0, bytesRead));
    if (text === undefined) return undefined;
    page.add(text);
    if (bytesRead === 0) break;
  }
  const { content, charsRead } = page.result();
  return charsRead === wanted ? { content, charsRead } : undefined;
}

/**
 * The byte where character `offset` starts, counting bytes that begin a character from the
 * checkpoint on; `undefined` when the file ends first. The scan found the file valid, so these
 * bytes need no decoding.
 */
async function findCharacterStart(
  file: OpenFile,
  buffer: Uint8Array,
  options: ReadPageFromCheckpointOptions,
): Promise<number | undefined> {
  let remaining = options.offset - options.checkpoint.charOffset;
  let position = options.checkpoint.byteOffset;
  if (remaining === 0) return position;
  file.seek(position);
  for (;;) {
    options.signal?.throwIfAborted();
    const bytesRead = await file.read(buffer);
    if (bytesRead === 0) return undefined;
    for (let index = 0; index < bytesRead; index++) {
      // Non-null: index runs within the buffer.
      if (isContinuation(buffer[index]!)) continue;
      if (remaining === 0) return position + index;
      remaining--;
    }
    position += bytesRead;
  }
}
