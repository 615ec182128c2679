import { describe, expect, it } from "vitest";
import { createTextChunkDecoder } from "./text-chunk-decoder.js";

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
