import { describe, expect, it } from "vitest";
import { type MemoryFileLog, memoryFile } from "../../../test/support/memory-file.js";
import { createCodePointIndexer } from "./code-point-index.js";
import { readTextPage } from "./read-text-page.js";
import { scanTextFile } from "./scan-text-file.js";

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
