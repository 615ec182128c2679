import { describe, expect, it } from "vitest";
import { countCodePoints, createPageCollector, createTextChunkDecoder } from "./text-chunks.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("createTextChunkDecoder", () => {
  it("decodes a character split across chunks once it is whole", () => {
    const decoder = createTextChunkDecoder();
    const bytes = utf8("a😀b");
    expect(decoder.decode(bytes.subarray(0, 3))).toBe("a");
    expect(decoder.decode(bytes.subarray(3))).toBe("😀b");
    expect(decoder.end()).toBe("");
  });

  it("keeps a byte-order mark", () => {
    expect(createTextChunkDecoder().decode(utf8("\ufeffa"))).toBe("\ufeffa");
  });

  it("refuses a NUL byte within the first 8 KiB of the file, counted from startByte", () => {
    const nul = new Uint8Array([0x61, 0]);
    expect(createTextChunkDecoder().decode(nul)).toBeUndefined();
    expect(createTextChunkDecoder(8190).decode(nul)).toBeUndefined();
    expect(createTextChunkDecoder(8191).decode(nul)).toBe("a\0");
  });

  it("refuses invalid UTF-8 and a character cut off at the end", () => {
    expect(createTextChunkDecoder().decode(new Uint8Array([0x61, 0xff]))).toBeUndefined();
    const decoder = createTextChunkDecoder();
    expect(decoder.decode(utf8("€").subarray(0, 2))).toBe("");
    expect(decoder.end()).toBeUndefined();
  });
});

describe("countCodePoints", () => {
  it("counts code points, not UTF-16 units or bytes", () => {
    expect(countCodePoints("")).toBe(0);
    expect(countCodePoints("abc")).toBe(3);
    expect(countCodePoints("é€")).toBe(2);
    expect(countCodePoints("a😀b")).toBe(3);
  });

  it("counts a lone surrogate as one character", () => {
    expect(countCodePoints("a\ud83d")).toBe(2);
    expect(countCodePoints("\ude00b")).toBe(2);
  });
});

describe("createPageCollector", () => {
  it("cuts code points [offset, offset + maxChars) out of pieces", () => {
    const page = createPageCollector(2, 3);
    for (const piece of ["a😀", "é€", "😀b", "c"]) page.add(piece);
    expect(page.result()).toEqual({ content: "é€😀", charsRead: 3, charsSeen: 7 });
  });

  it("is full once it holds maxChars characters", () => {
    const page = createPageCollector(1, 2);
    page.add("ab");
    expect(page.isFull).toBe(false);
    page.add("😀d");
    expect(page.isFull).toBe(true);
    expect(page.result().content).toBe("b😀");
  });

  it("collects nothing past the end of the text", () => {
    const page = createPageCollector(5, 2);
    page.add("abc");
    expect(page.result()).toEqual({ content: "", charsRead: 0, charsSeen: 3 });
  });
});
