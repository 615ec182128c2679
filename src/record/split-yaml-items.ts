/**
 * @module Finds the items of a YAML list written one `- ` per item at column 0 (as recordings
 * are), so that each item can be parsed on its own: a large recording is never one document in
 * memory. Anything else is left to a full parse.
 */

/** A top-level list item: its place in the text and its first line (1-based). */
export interface YamlItem {
  start: number;
  end: number;
  line: number;
}

/**
 * The top-level items of `text`, a block list at column 0 with comments and blank lines around
 * its items; undefined for any other shape (a mapping, a flow list, document markers,
 * directives, indented text before the first item). Contract: only a line starting with `-` and
 * a space (or nothing) at column 0 starts an item; `yaml` rejects such a line inside a scalar or
 * a flow collection of the previous item, so a text split wrongly fails to parse item by item.
 */
export function splitYamlItems(text: string): YamlItem[] | undefined {
  const items: YamlItem[] = [];
  let current: YamlItem | undefined;
  let line = 1;
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = text.indexOf("\n", offset);
    const next = lineEnd < 0 ? text.length : lineEnd + 1;
    const first = text[offset];
    if (first === "-" && isSeparator(text[offset + 1])) {
      if (current) current.end = offset;
      current = { start: offset, end: text.length, line };
      items.push(current);
    } else if (first === " " || first === "\t") {
      if (!current && text.slice(offset, next).trim() !== "") return undefined;
    } else if (first !== "#" && first !== "\n" && first !== "\r") {
      return undefined;
    }
    offset = next;
    line++;
  }
  return items;
}

function isSeparator(character: string | undefined): boolean {
  return (
    character === undefined ||
    character === " " ||
    character === "\t" ||
    character === "\n" ||
    character === "\r"
  );
}
