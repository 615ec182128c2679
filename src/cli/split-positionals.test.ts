import { expect, test } from "vitest";
import { splitPositionals } from "./split-positionals.js";

test("files by suffix, the rest is the prompt, both in order", () => {
  expect(
    splitPositionals(["main.worker", "Summarize", "tools.ts", "a.mts", "b.js", "c.mjs", "the", "report.pdf"]),
  ).toEqual({
    files: ["main.worker", "tools.ts", "a.mts", "b.js", "c.mjs"],
    promptWords: ["Summarize", "the", "report.pdf"],
  });
});
