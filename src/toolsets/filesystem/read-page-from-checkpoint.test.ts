import { describe, expect, it } from "vitest";
import { type MemoryFileLog, memoryFile } from "../../../test/support/memory-file.js";
import { createCodePointIndexer } from "./code-point-index.js";
import { readPageFromCheckpoint } from "./read-page-from-checkpoint.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

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
