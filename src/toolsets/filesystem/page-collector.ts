/**
 * @module Cuts one page out of text that arrives in pieces, counting in code points.
 */
import { countCodePoints } from "./count-code-points.js";

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
