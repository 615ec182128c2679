import { PassThrough, Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { readPrompt } from "./read-prompt.js";

describe("readPrompt", () => {
  test("prompt words are joined with spaces; stdin is not read", async () => {
    const stdin = new PassThrough();
    expect(await readPrompt({ words: ["a", "b c"], stdin, stdinIsTTY: false })).toBe("a b c");
  });

  test("an explicit empty word is a prompt", async () => {
    expect(await readPrompt({ words: [""], stdin: Readable.from([]), stdinIsTTY: true })).toBe("");
  });

  test("no words: the whole of stdin, trimmed", async () => {
    const stdin = Readable.from([Buffer.from("  line 1\n"), Buffer.from("line 2 é\n\n")]);
    expect(await readPrompt({ words: [], stdin, stdinIsTTY: false })).toBe("line 1\nline 2 é");
  });

  test("no words and a terminal on stdin, or an empty stdin: usage error", async () => {
    const error = { code: "USAGE", message: "Prompt required (as argument or via stdin)" };
    await expect(readPrompt({ words: [], stdin: Readable.from([]), stdinIsTTY: true })).rejects.toMatchObject(
      error,
    );
    await expect(
      readPrompt({ words: [], stdin: Readable.from([" \n"]), stdinIsTTY: false }),
    ).rejects.toMatchObject(error);
  });

  test("an abort stops waiting for stdin", async () => {
    const controller = new AbortController();
    const reading = readPrompt({
      words: [],
      stdin: new PassThrough(),
      stdinIsTTY: false,
      signal: controller.signal,
    });
    controller.abort();
    await expect(reading).rejects.toMatchObject({ code: "ABORTED" });
  });
});
