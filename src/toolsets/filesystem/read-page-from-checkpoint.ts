/**
 * @module Reads one page of a file already scanned as text, starting from the nearest checkpoint
 * instead of from byte 0.
 */
import type { Checkpoint } from "./code-point-index.js";
import type { OpenFile } from "./file-operations.js";
import { createPageCollector } from "./page-collector.js";
import { defaultChunkSize } from "./read-text-page.js";
import { createTextChunkDecoder } from "./text-chunk-decoder.js";

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
      if ((buffer[index]! & 0xc0) === 0x80) continue;
      if (remaining === 0) return position + index;
      remaining--;
    }
    position += bytesRead;
  }
}
