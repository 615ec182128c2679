/**
 * @module One pass over a whole file: is it text, how many characters does it hold, and where do
 * characters start (a sparse {@link CodePointIndex}). Memory stays bounded by one chunk.
 */
import { type CodePointIndex, createCodePointIndexer } from "./code-point-index.js";
import type { OpenFile } from "./file-operations.js";
import { defaultChunkSize } from "./read-text-page.js";
import { createTextChunkDecoder } from "./text-chunk-decoder.js";

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
