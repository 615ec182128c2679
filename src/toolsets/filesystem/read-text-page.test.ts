import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { type MemoryFileLog, memoryFile } from "../../../test/support/memory-file.js";
import { readIndexedTextPage, readPageFromCheckpoint, readTextPage } from "./read-text-page.js";
import {
  createCodePointIndexer,
  type FileIdentityStats,
  fileIdentity,
  type TextFileScan,
} from "./scan-text-file.js";

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

describe("readPageFromCheckpoint", () => {
  const text = "aé€😀中\n𝄞b".repeat(3);
  const characters = Array.from(text);
  const bytes = utf8(text);
  const indexer = createCodePointIndexer({ checkpointBytes: 1 });
  indexer.add(bytes);
  const { checkpoints, totalChars } = indexer.result();

  it("returns the page from any checkpoint at or before the offset, in any chunk size", async () => {
    for (const chunkSize of [1, 3, 64]) {
      for (const checkpoint of checkpoints) {
        for (let offset = checkpoint.charOffset; offset <= totalChars; offset++) {
          for (const maxChars of [1, 2, 5, 100]) {
            const content = characters.slice(offset, offset + maxChars).join("");
            const page = await readPageFromCheckpoint(memoryFile(bytes), {
              checkpoint,
              offset,
              maxChars,
              totalChars,
              chunkSize,
            });
            expect(page, `from ${checkpoint.charOffset}, offset ${offset}, max ${maxChars}`).toEqual({
              content,
              charsRead: Array.from(content).length,
            });
          }
        }
      }
    }
  });

  it("starts at the checkpoint and stops once the page is full", async () => {
    const checkpoint = checkpoints[10]!;
    const log: MemoryFileLog = { reads: [], seeks: [] };
    const page = await readPageFromCheckpoint(memoryFile(bytes, log), {
      checkpoint,
      offset: checkpoint.charOffset + 2,
      maxChars: 1,
      totalChars,
      chunkSize: 4,
    });
    expect(page?.content).toBe(characters[checkpoint.charOffset + 2]);
    expect(log.seeks[0]).toBe(checkpoint.byteOffset);
    expect(log.reads.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(4 * 4);
  });

  it("reads nothing at or past the end", async () => {
    const log: MemoryFileLog = { reads: [], seeks: [] };
    const options = { checkpoint: checkpoints[0]!, maxChars: 5, totalChars };
    expect(await readPageFromCheckpoint(memoryFile(bytes, log), { ...options, offset: totalChars })).toEqual({
      content: "",
      charsRead: 0,
    });
    expect(log.reads).toEqual([]);
  });

  it("resolves to undefined when the bytes no longer match the scan", async () => {
    const start = { charOffset: 0, byteOffset: 0 };
    const shorter = await readPageFromCheckpoint(memoryFile(utf8("abc")), {
      checkpoint: start,
      offset: 1,
      maxChars: 5,
      totalChars: 6,
    });
    expect(shorter).toBeUndefined();
    const invalid = await readPageFromCheckpoint(memoryFile(new Uint8Array([0x61, 0xff, 0x61])), {
      checkpoint: start,
      offset: 0,
      maxChars: 3,
      totalChars: 3,
    });
    expect(invalid).toBeUndefined();
    const midCharacter = await readPageFromCheckpoint(memoryFile(utf8("€€")), {
      checkpoint: { charOffset: 0, byteOffset: 1 },
      offset: 0,
      maxChars: 1,
      totalChars: 2,
    });
    expect(midCharacter).toBeUndefined();
  });
});

const newScans = () => new LRUCache<string, TextFileScan>({ max: 4 });
const statsOf = (bytes: Uint8Array, version = 1): FileIdentityStats => ({
  dev: 1,
  ino: 2,
  size: bytes.length,
  mtimeMs: version,
  ctimeMs: version,
});
const bytesRead = (log: MemoryFileLog) => log.reads.reduce((sum, count) => sum + count, 0);

/** 1-, 2-, 3- and 4-byte characters in an irregular order, so checkpoints land on every kind. */
const text = Array.from(
  { length: 120 },
  (_, index) => ["a", "é", "€", "😀", "中", "\n", "𝄞"][(index * 5 + (index >> 2)) % 7],
).join("");
const bytes = utf8(text);

describe("readIndexedTextPage", () => {
  it("returns the pages readTextPage returns, through a cache filled by the first read", async () => {
    const totalChars = Array.from(text).length;
    for (const checkpointBytes of [1, 3, 7, 64]) {
      for (const chunkSize of [2, 5, 64]) {
        const scans = newScans();
        for (let offset = 0; offset <= totalChars + 1; offset++) {
          for (const maxChars of [1, 3, 20]) {
            const options = { offset, maxChars, chunkSize };
            const indexed = await readIndexedTextPage(memoryFile(bytes), {
              ...options,
              stats: statsOf(bytes),
              scans,
              checkpointBytes,
            });
            const label = `checkpoints ${checkpointBytes}, chunk ${chunkSize}, offset ${offset}, max ${maxChars}`;
            expect(indexed, label).toEqual(await readTextPage(memoryFile(bytes), options));
          }
        }
        expect(scans.size).toBe(1);
      }
    }
  });

  it("scans once: a later page reads only from its checkpoint on", async () => {
    const big = utf8("😀中é-".repeat(1000));
    const scans = newScans();
    const read = async (offset: number) => {
      const log: MemoryFileLog = { reads: [], seeks: [] };
      const page = await readIndexedTextPage(memoryFile(big, log), {
        stats: statsOf(big),
        scans,
        offset,
        maxChars: 10,
        checkpointBytes: 100,
        chunkSize: 64,
      });
      return { page, bytesRead: bytesRead(log) };
    };
    const first = await read(0);
    expect(first.bytesRead).toBeGreaterThanOrEqual(big.length);
    const second = await read(3000);
    expect(second.page).toEqual({
      type: "text",
      content: "😀中é-😀中é-😀中",
      charsRead: 10,
      totalChars: 4000,
    });
    expect(second.bytesRead).toBeLessThanOrEqual(100 + 4 * 10 + 2 * 64);
  });

  it("rescans a file whose identity changed", async () => {
    const scans = newScans();
    const options = { scans, offset: 1, maxChars: 2, checkpointBytes: 2 };
    const before = utf8("abcdef");
    const after = utf8("é😀中");
    expect(await readIndexedTextPage(memoryFile(before), { ...options, stats: statsOf(before) })).toEqual({
      type: "text",
      content: "bc",
      charsRead: 2,
      totalChars: 6,
    });
    expect(await readIndexedTextPage(memoryFile(after), { ...options, stats: statsOf(after, 2) })).toEqual({
      type: "text",
      content: "😀中",
      charsRead: 2,
      totalChars: 3,
    });
  });

  it("reads in one full pass, and forgets the scan, when the bytes no longer match it", async () => {
    const scans = newScans();
    const options = { scans, offset: 2, maxChars: 5, checkpointBytes: 2 };
    const before = utf8("abcdef");
    await readIndexedTextPage(memoryFile(before), { ...options, stats: statsOf(before) });
    const sameIdentity = statsOf(before);
    expect(await readIndexedTextPage(memoryFile(utf8("€€")), { ...options, stats: sameIdentity })).toEqual(
      await readTextPage(memoryFile(utf8("€€")), options),
    );
    expect(scans.size).toBe(0);
  });

  it("remembers that a file is binary", async () => {
    const binary = new Uint8Array([0x61, 0, 0x62]);
    const scans = newScans();
    const log: MemoryFileLog = { reads: [], seeks: [] };
    const options = { stats: statsOf(binary), scans, offset: 0, maxChars: 5, checkpointBytes: 1 };
    expect(await readIndexedTextPage(memoryFile(binary), options)).toEqual({ type: "binary" });
    expect(await readIndexedTextPage(memoryFile(binary, log), options)).toEqual({ type: "binary" });
    expect(log.reads).toEqual([]);
  });

  it("reads a file within one checkpoint in one pass, without scanning or caching it", async () => {
    const small = new TextEncoder().encode("héllo wörld");
    const scans = newScans();
    const log: MemoryFileLog = { reads: [], seeks: [] };
    const options = { stats: statsOf(small), scans, offset: 6, maxChars: 3, checkpointBytes: small.length };
    expect(await readIndexedTextPage(memoryFile(small, log), options)).toMatchObject({
      type: "text",
      content: "wör",
      totalChars: 11,
    });
    expect(log.seeks).toEqual([]);
    expect(scans.get(fileIdentity(statsOf(small)))).toBeUndefined();
  });

  it("caches nothing when aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    const scans = newScans();
    await expect(
      readIndexedTextPage(memoryFile(bytes), {
        stats: statsOf(bytes),
        scans,
        offset: 0,
        maxChars: 5,
        signal: controller.signal,
      }),
    ).rejects.toThrow("stop");
    expect(scans.size).toBe(0);
  });
});
