/**
 * @module One pass over a whole file: is it text, how many characters does it hold, and where do
 * characters start (a sparse index from character offsets to byte offsets, so a reader can start
 * decoding near any character instead of at byte 0). Memory stays bounded by one chunk. A scan is
 * kept under the {@link fileIdentity} of the version it read.
 */

import type { Stats } from "node:fs";
import type { OpenFile } from "./file-operations.js";
import { createTextChunkDecoder, defaultChunkSize } from "./text-chunks.js";

/** Bytes between checkpoints by default: decoding up to 1 MiB to reach any offset takes a few ms. */
export const defaultCheckpointBytes = 1024 * 1024;

/** Options for {@link scanTextFile}. */
export interface ScanTextFileOptions {
  /** Bytes between checkpoints (default 1 MiB). */
  checkpointBytes?: number;
  /** Checked between chunks. */
  signal?: AbortSignal;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
}

/** What a scan learnt: the file's index when it is text, or the verdict that it is not. */
export type TextFileScan = ({ type: "text" } & CodePointIndex) | { type: "binary" };

/**
 * Reads `file` from its start to its end. It is binary exactly when `readTextPage` would say so:
 * a NUL byte in the first 8 KiB or any invalid UTF-8.
 *
 * Contract: rejects with the signal's reason when aborted; leaves the read position anywhere;
 * does not close `file`.
 */
export async function scanTextFile(file: OpenFile, options: ScanTextFileOptions = {}): Promise<TextFileScan> {
  const decoder = createTextChunkDecoder();
  const indexer = createCodePointIndexer({
    checkpointBytes: options.checkpointBytes ?? defaultCheckpointBytes,
  });
  const buffer = new Uint8Array(options.chunkSize ?? defaultChunkSize);
  file.seek(0);
  for (;;) {
    options.signal?.throwIfAborted();
    const bytesRead = await file.read(buffer);
    if (bytesRead === 0) break;
    const bytes = buffer.subarray(0, bytesRead);
    if (decoder.decode(bytes) === undefined) return { type: "binary" };
    indexer.add(bytes);
  }
  if (decoder.end() === undefined) return { type: "binary" };
  return { type: "text", ...indexer.result() };
}

/** A code point boundary: character `charOffset` starts at byte `byteOffset`. */
export interface Checkpoint {
  /** The number of characters before the boundary. */
  charOffset: number;
  /** The number of bytes before the boundary. */
  byteOffset: number;
}

/** What one pass over a valid UTF-8 file learns. */
export interface CodePointIndex {
  /** The number of characters in the file. */
  totalChars: number;
  /** Boundaries in increasing order, the first always at 0/0, roughly evenly spaced in bytes. */
  checkpoints: Checkpoint[];
}

/** Options for {@link createCodePointIndexer}. */
export interface CodePointIndexerOptions {
  /** The bytes between checkpoints (at least 1). */
  checkpointBytes: number;
  /**
   * The most checkpoints kept (default 1024). Past it every other checkpoint is dropped and the
   * spacing doubles, so the index stays small for a file of any size.
   */
  maxCheckpoints?: number;
}

/** Builds a {@link CodePointIndex} from a file's bytes, fed in order. */
export interface CodePointIndexer {
  /** Takes the next bytes of the file. */
  add(bytes: Uint8Array): void;
  /** The index of the bytes added so far. */
  result(): CodePointIndex;
}

/**
 * Creates a {@link CodePointIndexer}. It counts every byte that does not continue a multi-byte
 * sequence as one character, and puts a checkpoint on the first such byte at least
 * `checkpointBytes` past the previous checkpoint.
 *
 * Contract: the bytes must be valid UTF-8 (the caller checks); otherwise the index is meaningless.
 */
export function createCodePointIndexer(options: CodePointIndexerOptions): CodePointIndexer {
  const maxCheckpoints = Math.max(options.maxCheckpoints ?? 1024, 2);
  const checkpoints: Checkpoint[] = [{ charOffset: 0, byteOffset: 0 }];
  let spacing = Math.max(options.checkpointBytes, 1);
  let nextCheckpoint = spacing;
  let bytesSeen = 0;
  let chars = 0;
  return {
    add(bytes) {
      let index = 0;
      while (index < bytes.length) {
        // Count in a tight loop up to the next checkpoint, then move it onto a boundary.
        const stop = Math.min(Math.max(nextCheckpoint - bytesSeen, index), bytes.length);
        chars += countCharacterStarts(bytes, index, stop);
        index = stop;
        // Non-null: index < bytes.length is checked first.
        while (index < bytes.length && isContinuation(bytes[index]!)) index++;
        if (index === bytes.length) break;
        checkpoints.push({ charOffset: chars, byteOffset: bytesSeen + index });
        if (checkpoints.length > maxCheckpoints) spacing = thin(checkpoints, spacing);
        // Non-null: the index starts with a checkpoint at offset 0 and never loses it.
        nextCheckpoint = checkpoints.at(-1)!.byteOffset + spacing;
      }
      bytesSeen += bytes.length;
    },
    result: () => ({ totalChars: chars, checkpoints: [...checkpoints] }),
  };
}

/** The number of bytes in `bytes[start, end)` that begin a character. */
function countCharacterStarts(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  // Non-null: index runs within the bytes.
  for (let index = start; index < end; index++) if (!isContinuation(bytes[index]!)) count++;
  return count;
}

/** True for the bytes after the first of a multi-byte UTF-8 sequence (`10xxxxxx`). */
export function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** Drops every other checkpoint (keeping the first), in place; returns the doubled spacing. */
function thin(checkpoints: Checkpoint[], spacing: number): number {
  let kept = 0;
  // Non-null: index runs within the checkpoints.
  for (let index = 0; index < checkpoints.length; index += 2) checkpoints[kept++] = checkpoints[index]!;
  checkpoints.length = kept;
  return spacing * 2;
}

/**
 * The last checkpoint at or before character `offset`: where to start decoding to reach it.
 * `checkpoints` must be sorted and start at 0/0, as {@link createCodePointIndexer} makes them.
 */
export function findCheckpoint(checkpoints: readonly Checkpoint[], offset: number): Checkpoint {
  let low = 0;
  let high = checkpoints.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    // Non-null: the binary search keeps middle within the checkpoints.
    if (checkpoints[middle]!.charOffset <= offset) low = middle;
    else high = middle - 1;
  }
  // Non-null: the binary search keeps low within the checkpoints.
  return checkpoints[low]!;
}

/** The parts of an open file's `fstat` that {@link fileIdentity} reads. */
export type FileIdentityStats = Pick<Stats, "dev" | "ino" | "size" | "mtimeMs" | "ctimeMs">;

/**
 * A key naming one version of one file: its device and inode, with its size and modification and
 * change times. Rewriting the file (in place or by renaming a new file over it) changes the key,
 * so what was learnt about the old version is not reused.
 *
 * Contract: take `stats` from the handle that is read (`fstat`), never from the path, so the key
 * describes the bytes actually read. Like any timestamp check, it cannot see a same-size rewrite
 * within the file system's timestamp resolution; the page reader catches most of those because
 * the bytes no longer match the index.
 */
export function fileIdentity(stats: FileIdentityStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}
