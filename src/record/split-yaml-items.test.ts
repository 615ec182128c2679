import { describe, expect, test } from "vitest";
import { splitYamlItems } from "./split-yaml-items.js";

const texts = (text: string) =>
  splitYamlItems(text)?.map((item) => [item.line, text.slice(item.start, item.end)]);

describe("splitYamlItems", () => {
  test("one item per '- ' line at column 0, with its comments, blank and indented lines", () => {
    const text =
      "# header\n\n- key: a\n  response:\n    text: |\n      - not an item\n\n# between\n-\n  key: b\n";
    expect(texts(text)).toEqual([
      [3, "- key: a\n  response:\n    text: |\n      - not an item\n\n# between\n"],
      [9, "-\n  key: b\n"],
    ]);
  });

  test("no items: an empty list", () => {
    expect(splitYamlItems("# only comments\n\n")).toEqual([]);
  });

  test.each([
    ["a mapping", "key: main/1\n"],
    ["a flow list", "[{key: a}]\n"],
    ["a document marker", "---\n- key: a\n"],
    ["indented text before the first item", "  - key: a\n"],
    ["a '-' that starts a scalar", "-1\n"],
  ])("any other shape (%s) is left to a full parse", (_name, text) => {
    expect(splitYamlItems(text)).toBeUndefined();
  });
});
