import { realpath, rename, symlink, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import { tempProject } from "../../testing/temp-project.js";
import { type FileOperations, nodeFileOperations } from "./file-operations.js";
import { createReadFileTool, ReadFileInput, type ReadFileToolOptions } from "./read-file.js";

/** A `read_file` kept across calls (so its cache is too), counting the bytes each call reads. */
function pagingTool(options: Omit<ReadFileToolOptions, "requireApproval" | "operations">) {
  let bytesRead = 0;
  const operations: FileOperations = {
    ...nodeFileOperations,
    openFile: async (parent, name) => {
      const file = await nodeFileOperations.openFile(parent, name);
      return {
        ...file,
        read: async (buffer) => {
          const count = await file.read(buffer);
          bytesRead += count;
          return count;
        },
      };
    },
  };
  const tool = createReadFileTool({ ...options, requireApproval: false, operations });
  return {
    read: (input: Partial<ReadFileInput>) => tool.execute(ReadFileInput.parse(input), fakeCallContext()),
    /** The bytes read since the last call of `takeBytesRead`. */
    takeBytesRead() {
      const count = bytesRead;
      bytesRead = 0;
      return count;
    },
  };
}

/** 1-, 2-, 3- and 4-byte characters in an irregular order, so checkpoints land on every kind. */
const text = Array.from(
  { length: 150 },
  (_, index) => ["a", "é", "€", "😀", "中", "\n", "𝄞"][(index * 5 + (index >> 2)) % 7],
).join("");

describe("read_file paging", () => {
  it("returns every page as without checkpoints, multi-byte characters straddling them", async () => {
    await using project = await tempProject({ "mixed.txt": text });
    const characters = Array.from(text);
    for (const checkpointBytes of [1, 3, 7]) {
      const tool = pagingTool({ base: await realpath(project.dir), checkpointBytes });
      for (let offset = 0; offset <= characters.length + 1; offset += 1) {
        for (const max_chars of [1, 4, 30]) {
          const content = characters.slice(offset, offset + max_chars).join("");
          expect(
            await tool.read({ path: "mixed.txt", offset, max_chars }),
            `${checkpointBytes}/${offset}`,
          ).toEqual({
            content,
            truncated: offset + max_chars < characters.length,
            total_chars: characters.length,
            offset,
            chars_read: Array.from(content).length,
          });
        }
      }
    }
  });

  it("scans a file once: later pages read only from a checkpoint near their offset", async () => {
    const unit = "é😀中a\n";
    const big = unit.repeat(100_000);
    await using project = await tempProject({ "big.txt": big });
    const tool = pagingTool({ base: await realpath(project.dir), checkpointBytes: 4096 });
    const size = Buffer.byteLength(big);
    await tool.read({ path: "big.txt", offset: 0, max_chars: 10 });
    expect(tool.takeBytesRead()).toBeGreaterThanOrEqual(size);
    for (const offset of [250_000, 499_990, 10]) {
      expect(await tool.read({ path: "big.txt", offset, max_chars: 10 })).toMatchObject({
        content: unit.repeat(2),
        total_chars: 500_000,
      });
      expect(tool.takeBytesRead()).toBeLessThanOrEqual(3 * 64 * 1024);
    }
  });

  it("rescans a file rewritten between calls", async () => {
    await using project = await tempProject({ "a.txt": "hello world" });
    const tool = pagingTool({ base: await realpath(project.dir), checkpointBytes: 2 });
    expect(await tool.read({ path: "a.txt", offset: 6 })).toMatchObject({
      content: "world",
      total_chars: 11,
    });
    await writeFile(project.path("a.txt"), "héllo wörld 😀!");
    expect(await tool.read({ path: "a.txt", offset: 6 })).toMatchObject({
      content: "wörld 😀!",
      total_chars: 14,
    });
    await writeFile(project.path("a.txt"), "abcdefgh");
    await utimes(project.path("a.txt"), 1_000, 1_000);
    expect(await tool.read({ path: "a.txt", offset: 1 })).toMatchObject({
      content: "bcdefgh",
      total_chars: 8,
    });
    await writeFile(project.path("a.txt"), "éé😀");
    await utimes(project.path("a.txt"), 2_000, 2_000);
    expect(await tool.read({ path: "a.txt", offset: 1 })).toMatchObject({ content: "é😀", total_chars: 3 });
    await writeFile(project.path("new.txt"), "replaced");
    await rename(project.path("new.txt"), project.path("a.txt"));
    expect(await tool.read({ path: "a.txt", offset: 2 })).toMatchObject({
      content: "placed",
      total_chars: 8,
    });
  });

  it("checks confinement before using what it learnt about a file", async () => {
    await using project = await tempProject({ "base/safe.txt": "safe", "outside/secret.txt": "safe" });
    const base = await realpath(project.path("base"));
    await symlink("safe.txt", join(base, "current.txt"));
    const tool = pagingTool({ base });
    expect(await tool.read({ path: "current.txt" })).toMatchObject({ content: "safe" });
    await unlink(join(base, "current.txt"));
    await symlink(project.path("outside/secret.txt"), join(base, "current.txt"));
    await expect(tool.read({ path: "current.txt" })).rejects.toMatchObject({
      message: `Path 'current.txt' is outside the allowed directory ${base}: use a path relative to it`,
    });
  });
});
