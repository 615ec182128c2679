/**
 * @module Finds where a parsed front matter nests deeper than llm-do reads, before anything
 * walks it recursively (converting it, validating it) and runs out of stack.
 */
import { type Document, isMap, isPair, isSeq } from "yaml";

/** How deep a front matter may nest: far beyond any real worker file. */
export const MAX_NESTING = 100;

/**
 * The offset (in the front matter text) of the first collection nested deeper than `limit`, or
 * `undefined`. Walks without recursion, so any depth is safe to check.
 */
export function findTooDeep(document: Document.Parsed, limit = MAX_NESTING): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: document.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return node.range?.[0] ?? 0;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push({ node: item.value, depth: depth + 1 }, { node: item.key, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
