/**
 * @module Reads one page of a UTF-8 text file in fixed-size chunks, so memory stays bounded by the
 * page plus one chunk whatever the file's size.
 */
import type { OpenFile } from "./file-operations.js";
import { createPageCollector } from "./page-collector.js";
import { createTextChunkDecoder } from "./text-chunk-decoder.js";

/** Bytes read per chunk. */
export const defaultChunkSize = 64 * 1024;

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
