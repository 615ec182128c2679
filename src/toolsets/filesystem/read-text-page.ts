/**
 * @module Reads one page of a UTF-8 text file in fixed-size chunks, so memory stays bounded by the
 * page plus one chunk whatever the file's size.
 */
import { countCodePoints } from "./count-code-points.js";
import type { OpenFile } from "./file-operations.js";

/** Bytes read per chunk. */
const defaultChunkSize = 64 * 1024;
/** How much of the start of a file is checked for NUL bytes. */
const binarySniffBytes = 8 * 1024;

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
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const buffer = new Uint8Array(options.chunkSize ?? defaultChunkSize);
  const page = createPageCollector(options.offset, options.maxChars);
  let bytesSeen = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const bytesRead = await file.read(buffer);
    if (bytesRead === 0) break;
    const bytes = buffer.subarray(0, bytesRead);
    if (bytesSeen < binarySniffBytes && bytes.subarray(0, binarySniffBytes - bytesSeen).includes(0)) {
      return { type: "binary" };
    }
    bytesSeen += bytesRead;
    const text = decodeOrUndefined(() => decoder.decode(bytes, { stream: true }));
    if (text === undefined) return { type: "binary" };
    page.add(text);
  }
  const rest = decodeOrUndefined(() => decoder.decode());
  if (rest === undefined) return { type: "binary" };
  page.add(rest);
  return { type: "text", ...page.result() };
}

function decodeOrUndefined(decode: () => string): string | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/** Accumulates the page from decoded pieces; a piece never splits a surrogate pair. */
function createPageCollector(offset: number, maxChars: number) {
  const parts: string[] = [];
  let position = 0;
  let collected = 0;
  return {
    add(text: string) {
      const count = countCodePoints(text);
      const start = Math.max(offset - position, 0);
      if (collected < maxChars && start < count) {
        const take = Math.min(count - start, maxChars - collected);
        parts.push(sliceCodePoints(text, start, take));
        collected += take;
      }
      position += count;
    },
    result: () => ({ content: parts.join(""), charsRead: collected, totalChars: position }),
  };
}

/** `count` code points of `text` starting at code point `start`. */
function sliceCodePoints(text: string, start: number, count: number): string {
  const from = advance(text, 0, start);
  return text.slice(from, advance(text, from, count));
}

/** The UTF-16 index `count` code points after `index`. */
function advance(text: string, index: number, count: number): number {
  let position = index;
  for (let step = 0; step < count && position < text.length; step++) {
    const unit = text.charCodeAt(position);
    const next = text.charCodeAt(position + 1);
    position += unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return position;
}
