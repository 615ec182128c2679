/**
 * @module Finds what in a parsed front matter would break reading it: nesting deeper than llm-do
 * reads, an alias that refers to its own container, a key that is a list or a mapping. Runs
 * before anything walks the front matter recursively (converting it, validating it).
 */
import { type Document, isAlias, isMap, isPair, isSeq } from "yaml";

/** How deep a front matter may nest: far beyond any real worker file. */
export const MAX_NESTING = 100;

/** What is wrong, and where (an offset in the front matter text). */
export type StructureProblem =
  | { type: "too-deep"; offset: number }
  | { type: "cycle"; offset: number }
  | { type: "collection-key"; offset: number };

type Frame = { type: "enter"; node: unknown; depth: number } | { type: "leave" };

/**
 * The first collection nested deeper than `limit`, alias to a mapping or list that contains it
 * (`a: &x [*x]`: a cycle), or key that is a list or mapping (`? [a, b]`), or `undefined`. Walks without recursion, so any depth is
 * safe to check, and does not expand aliases, so an alias bomb costs nothing here.
 */
export function findStructureProblem(
  document: Document.Parsed,
  limit = MAX_NESTING,
): StructureProblem | undefined {
  const ancestors: unknown[] = [];
  const stack: Frame[] = [{ type: "enter", node: document.contents, depth: 1 }];
  while (stack.length > 0) {
    // Non-null: the loop runs while the stack is not empty.
    const frame = stack.pop()!;
    if (frame.type === "leave") {
      ancestors.pop();
      continue;
    }
    const { node, depth } = frame;
    if (isAlias(node)) {
      if (ancestors.includes(node.resolve(document))) return { type: "cycle", offset: node.range?.[0] ?? 0 };
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > limit) return { type: "too-deep", offset: node.range?.[0] ?? 0 };
    ancestors.push(node);
    stack.push({ type: "leave" });
    for (const item of [...(node.items as unknown[])].reverse()) {
      if (isPair(item) && (isMap(item.key) || isSeq(item.key))) {
        return { type: "collection-key", offset: item.key.range?.[0] ?? 0 };
      }
      if (isPair(item)) {
        stack.push({ type: "enter", node: item.value, depth: depth + 1 });
        stack.push({ type: "enter", node: item.key, depth: depth + 1 });
      } else {
        stack.push({ type: "enter", node: item, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
