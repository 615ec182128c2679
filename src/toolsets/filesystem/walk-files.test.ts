import { describe, expect, it } from "vitest";
import { compileGlob } from "./walk-files.js";

async function glob(pattern: string) {
  const compiled = await compileGlob(pattern);
  if (compiled.type === "invalid") throw new Error(compiled.reason);
  return compiled;
}

describe("compileGlob", () => {
  it("keeps '*' within one segment", async () => {
    const matcher = await glob("*.txt");
    expect(matcher.matches("a.txt")).toBe(true);
    expect(matcher.matches("docs/a.txt")).toBe(false);
    expect(matcher.matches("a.txt.bak")).toBe(false);
  });

  it("lets '**' match any number of directories, none included", async () => {
    const matcher = await glob("**/*.txt");
    expect(matcher.matches("a.txt")).toBe(true);
    expect(matcher.matches("x/a.txt")).toBe(true);
    expect(matcher.matches("x/y/z/a.txt")).toBe(true);
    expect(matcher.matches("x/y/a.md")).toBe(false);
  });

  it("matches '**' in the middle of a pattern", async () => {
    const matcher = await glob("src/**/test/*.ts");
    expect(matcher.matches("src/test/a.ts")).toBe(true);
    expect(matcher.matches("src/a/b/test/a.ts")).toBe(true);
    expect(matcher.matches("lib/test/a.ts")).toBe(false);
    expect(matcher.matches("src/test/deeper/a.ts")).toBe(false);
  });

  it("matches every file with '**/*' and with '**' alone", async () => {
    for (const pattern of ["**/*", "**", "**/**/*"]) {
      expect((await glob(pattern)).matches("a")).toBe(true);
      expect((await glob(pattern)).matches("a/b/c")).toBe(true);
    }
  });

  it("matches hidden names with '*'", async () => {
    expect((await glob("*")).matches(".env")).toBe(true);
    expect((await glob("**/*")).matches(".git/config")).toBe(true);
  });

  it("matches exactly one character, a code point, with '?'", async () => {
    expect((await glob("?.txt")).matches("a.txt")).toBe(true);
    expect((await glob("?.txt")).matches("😀.txt")).toBe(true);
    expect((await glob("?.txt")).matches("ab.txt")).toBe(false);
    expect((await glob("?.txt")).matches(".txt")).toBe(false);
  });

  it("supports character classes, ranges and negation", async () => {
    expect((await glob("[ab].txt")).matches("a.txt")).toBe(true);
    expect((await glob("[ab].txt")).matches("c.txt")).toBe(false);
    expect((await glob("file[0-9].txt")).matches("file7.txt")).toBe(true);
    expect((await glob("[!a].txt")).matches("a.txt")).toBe(false);
    expect((await glob("[!a].txt")).matches("b.txt")).toBe(true);
    expect((await glob("[^a].txt")).matches("b.txt")).toBe(true);
    expect((await glob("[]x].txt")).matches("].txt")).toBe(true);
    expect((await glob("[a-].txt")).matches("-.txt")).toBe(true);
  });

  it("takes an unclosed '[' and every regex character literally", async () => {
    expect((await glob("[ab.txt")).matches("[ab.txt")).toBe(true);
    expect((await glob("a+b(1)|$^{2}.txt")).matches("a+b(1)|$^{2}.txt")).toBe(true);
    expect((await glob("a.txt")).matches("abtxt")).toBe(false);
    expect((await glob("back\\slash")).matches("back\\slash")).toBe(true);
  });

  it("is case-sensitive", async () => {
    expect((await glob("*.TXT")).matches("a.txt")).toBe(false);
  });

  it("ignores '.' and empty segments", async () => {
    expect((await glob("./*.txt")).matches("a.txt")).toBe(true);
    expect((await glob("docs//*.txt")).matches("docs/a.txt")).toBe(true);
  });

  it("tells whether a directory could hold matches", async () => {
    expect((await glob("*.txt")).mayMatchBelow("")).toBe(true);
    expect((await glob("*.txt")).mayMatchBelow("docs")).toBe(false);
    expect((await glob("src/**/*.ts")).mayMatchBelow("src")).toBe(true);
    expect((await glob("src/**/*.ts")).mayMatchBelow("src/a/b")).toBe(true);
    expect((await glob("src/**/*.ts")).mayMatchBelow("lib")).toBe(false);
    expect((await glob("*/*.txt")).mayMatchBelow("docs")).toBe(true);
    expect((await glob("*/*.txt")).mayMatchBelow("docs/deeper")).toBe(false);
  });

  it("refuses patterns that could never match a listed path", async () => {
    const hint = "use a non-empty pattern relative to path, without '..' (e.g. '*.txt' or '**/*.md')";
    expect(await compileGlob("")).toEqual({ type: "invalid", reason: `Invalid pattern '': ${hint}` });
    expect(await compileGlob("/etc/*")).toEqual({
      type: "invalid",
      reason: `Invalid pattern '/etc/*': ${hint}`,
    });
    expect(await compileGlob("../*")).toEqual({ type: "invalid", reason: `Invalid pattern '../*': ${hint}` });
    expect(await compileGlob("a/../b")).toEqual({
      type: "invalid",
      reason: `Invalid pattern 'a/../b': ${hint}`,
    });
  });

  it("matches nothing with a reversed range, as a shell does", async () => {
    expect((await glob("[z-a].txt")).matches("z.txt")).toBe(false);
    expect((await glob("[z-a].txt")).matches("[z-a].txt")).toBe(false);
  });

  it("refuses a pattern too long to compile, with minimatch's reason", async () => {
    const compiled = await compileGlob("a".repeat(70_000));
    expect(compiled.type).toBe("invalid");
    expect(compiled.type === "invalid" && compiled.reason).toMatch(/^Invalid pattern 'a+': .*too long/);
  });

  it("takes braces and extended-glob characters literally", async () => {
    expect((await glob("{a,b}.txt")).matches("a.txt")).toBe(false);
    expect((await glob("{a,b}.txt")).matches("{a,b}.txt")).toBe(true);
    expect((await glob("+(a|b).txt")).matches("a.txt")).toBe(false);
    expect((await glob("!(a).txt")).matches("!(a).txt")).toBe(true);
    expect((await glob("#notes")).matches("#notes")).toBe(true);
  });
});
