/**
 * @module Text that arrives in chunks, counted in code points: decoding a file's bytes chunk by
 * chunk (deciding on the way whether the file is text), counting characters, and cutting one page
 * out of the pieces. Every reader of the filesystem tools decides through it, so they all agree
 * on what is binary and on what a character is.
 */

/** Bytes read per chunk by the page readers and the scan. */
export const defaultChunkSize = 64 * 1024;

/** How much of the start of a file is checked for NUL bytes. */
const binarySniffBytes = 8 * 1024;

/** Decodes consecutive chunks of one file; see {@link createTextChunkDecoder}. */
export interface TextChunkDecoder {
  /** The text of the next chunk, or `undefined` once the file is known not to be text. */
  decode(bytes: Uint8Array): string | undefined;
  /** The text held back at the end of the file, or `undefined` when the file ends mid-character. */
  end(): string | undefined;
}

/**
 * Creates a decoder for a file read from `startByte` (default 0). The file is not text when its
 * first 8 KiB hold a NUL byte or its bytes are not valid UTF-8. A byte-order mark is kept. A piece
 * of text never ends between the two halves of a surrogate pair.
 *
 * Contract: after `decode` or `end` returns `undefined`, the decoder must not be used again.
 */
export function createTextChunkDecoder(startByte = 0): TextChunkDecoder {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let bytesSeen = startByte;
  return {
    decode(bytes) {
      if (bytesSeen < binarySniffBytes && bytes.subarray(0, binarySniffBytes - bytesSeen).includes(0)) {
        return undefined;
      }
      bytesSeen += bytes.length;
      return decodeOrUndefined(() => decoder.decode(bytes, { stream: true }));
    },
    end: () => decodeOrUndefined(() => decoder.decode()),
  };
}

function decodeOrUndefined(decode: () => string): string | undefined {
  try {
    return decode();
  } catch {
    return undefined;
  }
}

/**
 * The number of characters in `text`, counted as Unicode code points: a surrogate pair is one
 * character, a lone surrogate is one too. The filesystem tools count every length and offset
 * this way.
 */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) index++;
    count++;
  }
  return count;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Collects characters `[offset, offset + maxChars)` of the text passed to `add`. */
export interface PageCollector {
  /** Takes the next piece of text; a piece must not end between the halves of a surrogate pair. */
  add(text: string): void;
  /** True once the page holds `maxChars` characters. */
  readonly isFull: boolean;
  /** The page so far, and how many characters have been added in all. */
  result(): { content: string; charsRead: number; charsSeen: number };
}

/** Creates a {@link PageCollector} for characters `[offset, offset + maxChars)`. */
export function createPageCollector(offset: number, maxChars: number): PageCollector {
  const parts: string[] = [];
  let position = 0;
  let collected = 0;
  return {
    add(text) {
      const count = countCodePoints(text);
      const start = Math.max(offset - position, 0);
      if (collected < maxChars && start < count) {
        const take = Math.min(count - start, maxChars - collected);
        parts.push(sliceCodePoints(text, start, take));
        collected += take;
      }
      position += count;
    },
    get isFull() {
      return collected >= maxChars;
    },
    result: () => ({ content: parts.join(""), charsRead: collected, charsSeen: position }),
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
