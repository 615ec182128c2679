import { LRUCache } from "lru-cache";
import { describe, expect, it } from "vitest";
import { type MemoryFileLog, memoryFile } from "../../../test/support/memory-file.js";
import { type FileIdentityStats, fileIdentity } from "./file-identity.js";
import { readIndexedTextPage } from "./read-indexed-text-page.js";
import { readTextPage } from "./read-text-page.js";
import type { TextFileScan } from "./scan-text-file.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
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
