/**
 * docs/testing-library.md shows code from examples/testing/, whose tests run in this suite. Each
 * `ts` block names its file on its first line (`// examples/testing/recipes.test.ts`) and must
 * be a verbatim excerpt of it, so the page cannot drift from code that runs. The page must also
 * name every export of `llm-do/testing`, and show nothing that Node 20 cannot parse.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as testing from "../../src/testing/index.js";
import { REPO_ROOT } from "./example-support.js";

const DOC = "docs/testing-library.md";

/** The `ts` blocks of a Markdown text, with the line each starts on. */
function tsBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    blocks.push({ line: markdown.slice(0, match.index).split("\n").length, code: match[1]! });
  }
  return blocks;
}

/** What is wrong with the blocks of `markdown` (read from `file`): one message each. */
function problemsWith(markdown: string, file: string, readSource: (name: string) => string | undefined) {
  return tsBlocks(markdown).flatMap(({ line, code }) => {
    const where = `${file}:${line}`;
    const [first = "", ...rest] = code.split("\n");
    const source = /^\/\/ (\S+)$/.exec(first)?.[1];
    if (!source) return [`${where}: the block does not start with '// <file it comes from>'`];
    const text = readSource(source);
    if (text === undefined) return [`${where}: ${source} does not exist`];
    const excerpt = rest.join("\n");
    if (!text.includes(excerpt)) return [`${where}: the block is not an excerpt of ${source}`];
    if (/\bawait using\b/.test(excerpt)) return [`${where}: 'await using' is a syntax error on Node 20`];
    return [];
  });
}

const readSource = (name: string) => {
  const file = path.join(REPO_ROOT, name);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
};
const markdown = readFileSync(path.join(REPO_ROOT, DOC), "utf8");

describe(DOC, () => {
  it("shows only verbatim excerpts of the example's files", () => {
    expect(tsBlocks(markdown).length).toBeGreaterThanOrEqual(5);
    expect(problemsWith(markdown, DOC, readSource)).toEqual([]);
  });

  it("refuses a block that is not in its file, names no file, or uses await using", () => {
    const doc = [
      "```ts",
      "// examples/testing/recipes.test.ts",
      'expect(result.output).toBe("something else");',
      "```",
      "",
      "```ts",
      "const model = scriptedModel([]);",
      "```",
      "",
      "```ts",
      "// examples/testing/recipes.test.ts",
      "await using project = await tempProject({});",
      "```",
      "",
      "```ts",
      "// examples/testing/missing.ts",
      "```",
    ].join("\n");
    const source = (name: string) =>
      name === "examples/testing/recipes.test.ts"
        ? "await using project = await tempProject({});\n"
        : undefined;
    expect(problemsWith(doc, "doc.md", source)).toEqual([
      "doc.md:1: the block is not an excerpt of examples/testing/recipes.test.ts",
      "doc.md:6: the block does not start with '// <file it comes from>'",
      "doc.md:10: 'await using' is a syntax error on Node 20",
      "doc.md:15: examples/testing/missing.ts does not exist",
    ]);
  });

  it("names every export of llm-do/testing", () => {
    const missing = Object.keys(testing).filter((name) => !markdown.includes(`\`${name}(`));
    expect(missing).toEqual([]);
  });

  it("the example's own files run on Node 20: no await using", () => {
    for (const name of ["recipes.test.ts", "tools.ts"]) {
      expect(readSource(`examples/testing/${name}`)).not.toMatch(/\bawait using\b/);
    }
  });
});
