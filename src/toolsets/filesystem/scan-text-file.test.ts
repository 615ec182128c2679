import { describe, expect, it } from "vitest";
import { type MemoryFileLog, memoryFile } from "../../../test/support/memory-file.js";
import { readTextPage } from "./read-text-page.js";
import {
  type Checkpoint,
  createCodePointIndexer,
  type FileIdentityStats,
  fileIdentity,
  findCheckpoint,
  scanTextFile,
} from "./scan-text-file.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("scanTextFile", () => {
  const bytes = utf8("héllo wörld € 😀 中文 end\n".repeat(5));

  it("counts the characters and indexes the file, whatever the chunk size", async () => {
    const indexer = createCodePointIndexer({ checkpointBytes: 3 });
    indexer.add(bytes);
    for (const chunkSize of [1, 2, 5, 64]) {
      expect(await scanTextFile(memoryFile(bytes), { checkpointBytes: 3, chunkSize })).toEqual({
        type: "text",
        ...indexer.result(),
      });
    }
  });

  it("reads from the start of the file, wherever the file was", async () => {
    const log: MemoryFileLog = { reads: [], seeks: [] };
    const file = memoryFile(utf8("abc"), log);
    await file.read(new Uint8Array(2));
    expect(await scanTextFile(file)).toMatchObject({ type: "text", totalChars: 3 });
    expect(log.seeks).toEqual([0]);
  });

  it("calls a file binary exactly when readTextPage does", async () => {
    const nulEarly = new Uint8Array(9000).fill(0x61);
    nulEarly[8191] = 0;
    const nulLate = new Uint8Array(9000).fill(0x61);
    nulLate[8192] = 0;
    const cases = [
      nulEarly,
      nulLate,
      new Uint8Array([...utf8("fine text".repeat(100)), 0xff, 0x61]),
      utf8("ab€").subarray(0, 4),
      utf8("\ufeffok"),
      new Uint8Array(),
    ];
    for (const file of cases) {
      const page = await readTextPage(memoryFile(file), { offset: 0, maxChars: 1, chunkSize: 4096 });
      const scan = await scanTextFile(memoryFile(file), { chunkSize: 4096 });
      expect(scan.type).toBe(page.type);
      if (scan.type === "text" && page.type === "text") expect(scan.totalChars).toBe(page.totalChars);
    }
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(scanTextFile(memoryFile(utf8("abc")), { signal: controller.signal })).rejects.toThrow(
      "stop",
    );
  });
});

/** 1-, 2-, 3- and 4-byte characters in an irregular order. */
const text = Array.from(
  { length: 200 },
  (_, index) => ["a", "é", "€", "😀", "中", "\n", "𝄞"][(index * 5 + (index >> 2)) % 7],
).join("");
const bytes = utf8(text);

function index(options: { checkpointBytes: number; maxCheckpoints?: number; chunkSize: number }) {
  const indexer = createCodePointIndexer(options);
  for (let start = 0; start < bytes.length; start += options.chunkSize) {
    indexer.add(bytes.subarray(start, start + options.chunkSize));
  }
  return indexer.result();
}

/** Checks that each checkpoint is a code point boundary with the right character count. */
function expectBoundaries(checkpoints: Checkpoint[]) {
  for (const { charOffset, byteOffset } of checkpoints) {
    expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, byteOffset))).toHaveLength(
      Array.from(text).slice(0, charOffset).join("").length,
    );
  }
}

describe("createCodePointIndexer", () => {
  it("counts code points and puts checkpoints on boundaries, whatever the chunks", () => {
    for (const checkpointBytes of [1, 2, 3, 5, 64]) {
      const expected = index({ checkpointBytes, chunkSize: bytes.length });
      expect(expected.totalChars).toBe(Array.from(text).length);
      expect(expected.checkpoints[0]).toEqual({ charOffset: 0, byteOffset: 0 });
      expectBoundaries(expected.checkpoints);
      for (const chunkSize of [1, 2, 3, 7]) {
        expect(index({ checkpointBytes, chunkSize })).toEqual(expected);
      }
    }
  });

  it("spaces checkpoints by checkpointBytes, moved forward to the next boundary", () => {
    const { checkpoints } = index({ checkpointBytes: 5, chunkSize: 4 });
    for (let position = 1; position < checkpoints.length; position++) {
      const gap = checkpoints[position]!.byteOffset - checkpoints[position - 1]!.byteOffset;
      expect(gap).toBeGreaterThanOrEqual(5);
      expect(gap).toBeLessThan(5 + 4);
    }
    expect(bytes.length - checkpoints.at(-1)!.byteOffset).toBeLessThan(5 + 4);
  });

  it("keeps at most maxCheckpoints by dropping every other one", () => {
    const { checkpoints } = index({ checkpointBytes: 1, maxCheckpoints: 8, chunkSize: 16 });
    expect(checkpoints.length).toBeLessThanOrEqual(8);
    expect(checkpoints.length).toBeGreaterThan(4);
    expect(checkpoints[0]).toEqual({ charOffset: 0, byteOffset: 0 });
    expectBoundaries(checkpoints);
    const offsets = checkpoints.map((checkpoint) => checkpoint.byteOffset);
    expect(offsets).toEqual([...new Set(offsets)].sort((left, right) => left - right));
    expect(bytes.length - checkpoints.at(-1)!.byteOffset).toBeLessThan(bytes.length / 4);
  });

  it("indexes an empty file", () => {
    expect(createCodePointIndexer({ checkpointBytes: 4 }).result()).toEqual({
      totalChars: 0,
      checkpoints: [{ charOffset: 0, byteOffset: 0 }],
    });
  });
});

describe("findCheckpoint", () => {
  const checkpoints = [
    { charOffset: 0, byteOffset: 0 },
    { charOffset: 10, byteOffset: 14 },
    { charOffset: 20, byteOffset: 31 },
  ];

  it("returns the last checkpoint at or before the offset", () => {
    expect(findCheckpoint(checkpoints, 0)).toBe(checkpoints[0]);
    expect(findCheckpoint(checkpoints, 9)).toBe(checkpoints[0]);
    expect(findCheckpoint(checkpoints, 10)).toBe(checkpoints[1]);
    expect(findCheckpoint(checkpoints, 19)).toBe(checkpoints[1]);
    expect(findCheckpoint(checkpoints, 1000)).toBe(checkpoints[2]);
    expect(findCheckpoint(checkpoints.slice(0, 1), 5)).toBe(checkpoints[0]);
  });
});

describe("fileIdentity", () => {
  const stats: FileIdentityStats = { dev: 1, ino: 2, size: 3, mtimeMs: 4.5, ctimeMs: 6.25 };

  it("is the same for the same version of a file", () => {
    expect(fileIdentity({ ...stats })).toBe(fileIdentity(stats));
  });

  it("changes when the device, inode, size, modification or change time changes", () => {
    const changes: Partial<FileIdentityStats>[] = [
      { dev: 9 },
      { ino: 9 },
      { size: 9 },
      { mtimeMs: 4.75 },
      { ctimeMs: 6.5 },
    ];
    const keys = changes.map((change) => fileIdentity({ ...stats, ...change }));
    expect(new Set([fileIdentity(stats), ...keys]).size).toBe(changes.length + 1);
  });
});
