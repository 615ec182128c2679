import { execFileSync } from "node:child_process";
import { mkdir, rename, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempBase } from "../../../test/support/temp-base.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import { createNodeFileOperations, type FileOperations, nodeFileOperations } from "./file-operations.js";
import { createReadFileTool, ReadFileInput } from "./read-file.js";
import { temporaryFileMessage } from "./write-file.js";

let root: string;
let base: string;
let outside: string;

beforeEach(async () => {
  ({ root, base, outside } = await createTempBase("llm-do-read-"));
  await writeFile(join(outside, "secret.txt"), "secret");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function read(input: Partial<ReadFileInput>, operations?: FileOperations) {
  const tool = createReadFileTool({ base, requireApproval: false, operations });
  return tool.execute(ReadFileInput.parse(input), fakeCallContext({ cwd: base }));
}

const outsideMessage = (path: string) =>
  `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`;

describe("read_file", () => {
  it("reads a small file whole", async () => {
    await writeFile(join(base, "a.txt"), "hello\nworld\n");
    expect(await read({ path: "a.txt" })).toEqual({
      content: "hello\nworld\n",
      truncated: false,
      total_chars: 12,
      offset: 0,
      chars_read: 12,
    });
  });

  it("pages with offset and max_chars", async () => {
    await writeFile(join(base, "a.txt"), "0123456789");
    expect(await read({ path: "a.txt", offset: 2, max_chars: 3 })).toEqual({
      content: "234",
      truncated: true,
      total_chars: 10,
      offset: 2,
      chars_read: 3,
    });
    expect(await read({ path: "a.txt", offset: 7, max_chars: 3 })).toMatchObject({
      content: "789",
      truncated: false,
    });
    expect(await read({ path: "a.txt", offset: 8, max_chars: 5 })).toMatchObject({
      content: "89",
      chars_read: 2,
    });
  });

  it("returns empty content, not truncated, at or past the end", async () => {
    await writeFile(join(base, "a.txt"), "abc");
    for (const offset of [3, 100]) {
      expect(await read({ path: "a.txt", offset })).toEqual({
        content: "",
        truncated: false,
        total_chars: 3,
        offset,
        chars_read: 0,
      });
    }
  });

  it("counts characters as code points", async () => {
    await writeFile(join(base, "emoji.txt"), "a😀é€b");
    expect(await read({ path: "emoji.txt", offset: 1, max_chars: 2 })).toEqual({
      content: "😀é",
      truncated: true,
      total_chars: 5,
      offset: 1,
      chars_read: 2,
    });
  });

  it("streams a file over 1 MiB in bounded chunks, with multi-byte characters straddling them", async () => {
    const unit = "ab😀€é\n";
    const text = `x${unit.repeat(Math.ceil((1.2 * 1024 * 1024) / Buffer.byteLength(unit)))}`;
    await writeFile(join(base, "big.txt"), text);
    const characters = Array.from(text);
    const reads: number[] = [];
    const operations: FileOperations = {
      ...nodeFileOperations,
      openFile: async (parent, name) => {
        const file = await nodeFileOperations.openFile(parent, name);
        return {
          ...file,
          read: async (buffer) => {
            const bytesRead = await file.read(buffer);
            reads.push(buffer.length);
            return bytesRead;
          },
        };
      },
    };
    for (const offset of [0, 65_530, 500_000, characters.length - 3]) {
      const result = await read({ path: "big.txt", offset, max_chars: 1000 }, operations);
      const content = characters.slice(offset, offset + 1000).join("");
      expect(result).toEqual({
        content,
        truncated: offset + 1000 < characters.length,
        total_chars: characters.length,
        offset,
        chars_read: Array.from(content).length,
      });
    }
    expect(Math.max(...reads)).toBe(64 * 1024);
  });

  it("reads past the end of a large file", async () => {
    await writeFile(join(base, "big.txt"), "z".repeat(1024 * 1024 + 5));
    expect(await read({ path: "big.txt", offset: 2 * 1024 * 1024 })).toEqual({
      content: "",
      truncated: false,
      total_chars: 1024 * 1024 + 5,
      offset: 2 * 1024 * 1024,
      chars_read: 0,
    });
  });

  it("reports a missing file", async () => {
    await expect(read({ path: "missing.txt" })).rejects.toMatchObject({
      name: "ToolExecutionError",
      toolName: "read_file",
      message: "File not found: missing.txt",
    });
    await expect(read({ path: "no/such/dir.txt" })).rejects.toMatchObject({
      message: "File not found: no/such/dir.txt",
    });
  });

  it("refuses a directory", async () => {
    await mkdir(join(base, "docs"));
    await expect(read({ path: "docs" })).rejects.toMatchObject({
      message: "Not a file: docs (use list_files for directories)",
    });
  });

  it("refuses a FIFO without blocking on it", async () => {
    execFileSync("mkfifo", [join(base, "pipe")]);
    await expect(read({ path: "pipe" })).rejects.toMatchObject({ message: "Not a regular file: pipe" });
  });

  it("refuses binary files", async () => {
    const binary =
      "image.png looks like a binary file; read_file only reads text. Pass it to a worker as an attachment instead.";
    await writeFile(join(base, "image.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(read({ path: "image.png" })).rejects.toMatchObject({ message: binary });
    await writeFile(join(base, "image.png"), Buffer.from([0x61, 0xc3, 0x28]));
    await expect(read({ path: "image.png" })).rejects.toMatchObject({ message: binary });
  });

  it("reads through a symlink inside the base and by an absolute path inside it", async () => {
    await writeFile(join(base, "a.txt"), "abc");
    await symlink("a.txt", join(base, "link.txt"));
    expect(await read({ path: "link.txt" })).toMatchObject({ content: "abc" });
    expect(await read({ path: join(base, "a.txt") })).toMatchObject({ content: "abc" });
  });

  it("refuses paths outside the base", async () => {
    await symlink(outside, join(base, "out"));
    await symlink(join(outside, "secret.txt"), join(base, "leak.txt"));
    for (const path of [
      "../outside/secret.txt",
      "a/../../x",
      join(outside, "secret.txt"),
      "~/x",
      "out/secret.txt",
      "leak.txt",
    ]) {
      await expect(read({ path })).rejects.toMatchObject({
        toolName: "read_file",
        message: outsideMessage(path),
      });
    }
  });

  it("refuses a symlink swapped to point outside after the approval check", async () => {
    await writeFile(join(base, "safe.txt"), "safe");
    await symlink("safe.txt", join(base, "current.txt"));
    const tool = createReadFileTool({ base, requireApproval: false });
    const input = ReadFileInput.parse({ path: "current.txt" });
    const needsApproval = tool.needsApproval;
    if (typeof needsApproval !== "function") throw new Error("needsApproval should be a function");
    expect(await needsApproval(input)).toEqual({ type: "pre-approved" });
    await unlink(join(base, "current.txt"));
    await symlink(join(outside, "secret.txt"), join(base, "current.txt"));
    await expect(tool.execute(input, fakeCallContext())).rejects.toMatchObject({
      message: outsideMessage("current.txt"),
    });
  });

  /** File operations that swap `docs` for a symlink to `outside` right before the file is opened. */
  function swappingBeforeOpen(operations: FileOperations): FileOperations {
    return {
      ...operations,
      openFile: async (parent, name) => {
        await rename(join(base, "docs"), join(base, "docs-moved"));
        await symlink(outside, join(base, "docs"));
        return operations.openFile(parent, name);
      },
    };
  }

  it("reads from the directory it opened, not from the symlink swapped in before the file is opened", async () => {
    await mkdir(join(base, "docs"));
    await writeFile(join(base, "docs", "secret.txt"), "inside");
    expect(await read({ path: "docs/secret.txt" }, swappingBeforeOpen(nodeFileOperations))).toMatchObject({
      content: "inside",
    });
  });

  it("without /proc, refuses when the directory is swapped for a symlink before the file is opened", async () => {
    await mkdir(join(base, "docs"));
    await writeFile(join(base, "docs", "secret.txt"), "inside");
    const operations = swappingBeforeOpen(createNodeFileOperations("path"));
    await expect(read({ path: "docs/secret.txt" }, operations)).rejects.toMatchObject({
      message: `Could not read docs/secret.txt: ${join(base, "docs")} was moved or replaced while in use`,
    });
  });

  it("refuses write_file's temporary files, such as those a killed write left behind", async () => {
    await writeFile(join(base, ".a.txt.0123456789ab.tmp"), "half");
    await symlink(".a.txt.0123456789ab.tmp", join(base, "link.txt"));
    await expect(read({ path: ".a.txt.0123456789ab.tmp" })).rejects.toMatchObject({
      message: temporaryFileMessage(".a.txt.0123456789ab.tmp"),
    });
    await expect(read({ path: "link.txt" })).rejects.toMatchObject({
      message: temporaryFileMessage("link.txt"),
    });
    await writeFile(join(base, ".a.txt.tmp"), "an ordinary name");
    expect(await read({ path: ".a.txt.tmp" })).toMatchObject({ content: "an ordinary name" });
  });

  it("closes the file when reading fails", async () => {
    await writeFile(join(base, "a.txt"), "abc");
    let closed = 0;
    const operations: FileOperations = {
      ...nodeFileOperations,
      openFile: async (parent, name) => {
        const file = await nodeFileOperations.openFile(parent, name);
        return {
          ...file,
          read: async () => {
            throw new Error("disk on fire");
          },
          close: async () => {
            closed++;
            await file.close();
          },
        };
      },
    };
    await expect(read({ path: "a.txt" }, operations)).rejects.toThrow("disk on fire");
    expect(closed).toBe(1);
  });

  it("describes a call for approval prompts", () => {
    const tool = createReadFileTool({ base, requireApproval: false });
    expect(tool.describe?.(ReadFileInput.parse({ path: "docs/a.txt" }))).toBe("Read from docs/a.txt");
  });

  it("tells the model about the base directory and paging", () => {
    const { description } = createReadFileTool({ base, requireApproval: false });
    expect(description).toContain("relative to the base directory");
    expect(description).toContain("call again with `offset` set to `offset + chars_read`");
  });

  it("validates its input", () => {
    expect(ReadFileInput.safeParse({ path: "a", offset: -1 }).success).toBe(false);
    expect(ReadFileInput.safeParse({ path: "a", max_chars: 0 }).success).toBe(false);
    expect(ReadFileInput.safeParse({ path: "a", offset: 1.5 }).success).toBe(false);
    expect(ReadFileInput.parse({ path: "a" })).toEqual({ path: "a", offset: 0, max_chars: 20_000 });
  });
});
