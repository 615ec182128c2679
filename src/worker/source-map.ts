/**
 * @module Maps positions and key paths in a parsed front matter back to line:column in the whole
 * worker file.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";
import type { SourcePosition } from "./worker-definition.js";

/** Positions in one worker file's front matter. */
export interface SourceMap {
  /** Where the front matter starts (the line after the opening `---`). */
  readonly start: SourcePosition;
  /** The file position of a character offset in the front matter text. */
  position(offset: number): SourcePosition;
  /**
   * The position of the key at `path` (numbers index sequences, giving the item's position; a
   * name in a sequence finds the scalar item with that value, as in `toolsets: [shell]`),
   * falling back to the nearest ancestor that exists, then to `start`.
   */
  locate(path: readonly PropertyKey[]): SourcePosition;
}

/** Options of {@link createSourceMap}. */
export interface SourceMapOptions {
  /** The front matter, parsed with `lineCounter`. */
  document: Document.Parsed;
  /** The line counter the front matter was parsed with. */
  lineCounter: LineCounter;
  /** The file line (1-based) on which the front matter text starts. */
  firstLine: number;
}

/** Builds the source map of a parsed front matter. */
export function createSourceMap(options: SourceMapOptions): SourceMap {
  const { document, lineCounter, firstLine } = options;
  const start = { line: firstLine, column: 1 };
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(line, 1) + firstLine - 1, column: Math.max(col, 1) };
  };
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    const offset = locateOffset(document, path);
    return offset === undefined ? start : position(offset);
  };
  return { start, position, locate };
}

function locateOffset(document: Document.Parsed, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = document.contents;
  let found: number | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    const step = isMap(node)
      ? findPair(node.items, segment)
      : isSeq(node)
        ? findItem(node.items, segment)
        : undefined;
    if (step === undefined) break;
    found = step.offset;
    node = step.node;
  }
  return found;
}

type Step = { offset: number; node: unknown };

function findPair(
  pairs: readonly { key: unknown; value: unknown }[],
  segment: PropertyKey,
): Step | undefined {
  for (const pair of pairs) {
    if (isScalar(pair.key) && String(pair.key.value) === String(segment) && pair.key.range) {
      return { offset: pair.key.range[0], node: pair.value };
    }
  }
  return undefined;
}

/** An item by index, or (for a name) the scalar item with that value: `toolsets: [shell]`. */
function findItem(items: readonly unknown[], segment: PropertyKey): Step | undefined {
  const index = typeof segment === "number" ? segment : Number(segment);
  const item = Number.isInteger(index)
    ? items[index]
    : items.find((candidate) => isScalar(candidate) && String(candidate.value) === String(segment));
  const range = (item as { range?: [number, number, number] } | undefined)?.range;
  return range ? { offset: range[0], node: item } : undefined;
}
