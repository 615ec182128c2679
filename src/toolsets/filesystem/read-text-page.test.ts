import { describe, expect, it } from "vitest";
import { memoryFile } from "../../../test/support/memory-file.js";
import { readTextPage } from "./read-text-page.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("readTextPage", () => {
  const text = "héllo wörld € 😀 end\n";
  const characters = Array.from(text);

  it("returns the same page for every chunk size, multi-byte characters straddling chunks", async () => {
    for (const chunkSize of [1, 2, 3, 5, 64]) {
      for (const [offset, maxChars] of [
        [0, 100],
        [1, 3],
        [14, 1],
        [15, 4],
        [characters.length - 1, 5],
        [characters.length, 5],
        [characters.length + 3, 5],
      ] as const) {
        const page = await readTextPage(memoryFile(utf8(text)), { offset, maxChars, chunkSize });
        const content = characters.slice(offset, offset + maxChars).join("");
        expect(page, `chunk ${chunkSize}, offset ${offset}, max ${maxChars}`).toEqual({
          type: "text",
          content,
          charsRead: Array.from(content).length,
          totalChars: characters.length,
        });
      }
    }
  });

  it("reads an empty file", async () => {
    expect(await readTextPage(memoryFile(new Uint8Array()), { offset: 0, maxChars: 10 })).toEqual({
      type: "text",
      content: "",
      charsRead: 0,
      totalChars: 0,
    });
  });

  it("keeps a byte-order mark and counts it", async () => {
    const page = await readTextPage(memoryFile(utf8("\ufeffab")), { offset: 0, maxChars: 2 });
    expect(page).toEqual({ type: "text", content: "\ufeffa", charsRead: 2, totalChars: 3 });
  });

  it("calls a NUL byte in the first 8 KiB binary, even across chunks", async () => {
    const bytes = new Uint8Array(9000).fill(0x61);
    bytes[8191] = 0;
    expect(await readTextPage(memoryFile(bytes), { offset: 0, maxChars: 10, chunkSize: 4096 })).toEqual({
      type: "binary",
    });
  });

  it("reads a NUL byte after the first 8 KiB as text", async () => {
    const bytes = new Uint8Array(9000).fill(0x61);
    bytes[8192] = 0;
    const page = await readTextPage(memoryFile(bytes), { offset: 8190, maxChars: 4, chunkSize: 4096 });
    expect(page).toEqual({ type: "text", content: "aa\0a", charsRead: 4, totalChars: 9000 });
  });

  it("calls invalid UTF-8 binary, even after the page", async () => {
    const bytes = new Uint8Array([...utf8("fine text"), 0xff, 0x61]);
    expect(await readTextPage(memoryFile(bytes), { offset: 0, maxChars: 2, chunkSize: 4 })).toEqual({
      type: "binary",
    });
  });

  it("calls a multi-byte character cut off at the end binary", async () => {
    const bytes = utf8("ab€").subarray(0, 4);
    expect(await readTextPage(memoryFile(bytes), { offset: 0, maxChars: 10 })).toEqual({ type: "binary" });
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(
      readTextPage(memoryFile(utf8("abc")), { offset: 0, maxChars: 1, signal: controller.signal }),
    ).rejects.toThrow("stop");
  });
});
