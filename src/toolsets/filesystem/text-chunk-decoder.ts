/**
 * @module Decodes a file's bytes chunk by chunk, deciding on the way whether the file is text.
 * Every reader of the filesystem tools decides through it, so they all agree on what is binary.
 */

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
