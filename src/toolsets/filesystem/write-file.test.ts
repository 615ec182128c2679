import {
  chmod,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempBase } from "../../../test/support/temp-base.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import { createNodeFileOperations, type FileOperations, nodeFileOperations } from "./file-operations.js";
import {
  createWriteFileTool,
  isTemporaryFileName,
  isTemporaryFileOf,
  temporaryFileMessage,
  temporaryFileName,
  WriteFileInput,
} from "./write-file.js";

let root: string;
let base: string;
let outside: string;

beforeEach(async () => {
  ({ root, base, outside } = await createTempBase("llm-do-write-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function write(path: string, content: string, operations?: FileOperations) {
  const tool = createWriteFileTool({ base, requireApproval: true, operations });
  return tool.execute(WriteFileInput.parse({ path, content }), fakeCallContext({ cwd: base }));
}

const outsideMessage = (path: string) =>
  `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`;

/** File operations whose step `name` fails with `message`. */
function failing(name: "rename" | "write" | "sync", message: string): FileOperations {
  const fail = async (): Promise<never> => {
    throw new Error(message);
  };
  if (name === "rename") return { ...nodeFileOperations, rename: fail };
  return {
    ...nodeFileOperations,
    createExclusive: async (parent, temporary) => ({
      ...(await nodeFileOperations.createExclusive(parent, temporary)),
      [name]: fail,
    }),
  };
}

describe("write_file", () => {
  it("writes a new file and reports the characters written", async () => {
    expect(await write("a.txt", "héllo 😀")).toBe("Written 7 characters to a.txt");
    expect(await readFile(join(base, "a.txt"), "utf8")).toBe("héllo 😀");
    expect(await readdir(base)).toEqual(["a.txt"]);
  });

  it("creates missing parent directories", async () => {
    expect(await write("docs/notes/today.md", "# Today")).toBe("Written 7 characters to docs/notes/today.md");
    expect(await readFile(join(base, "docs", "notes", "today.md"), "utf8")).toBe("# Today");
  });

  it("replaces an existing file, keeping its permissions and leaving no temporary file", async () => {
    await writeFile(join(base, "run.sh"), "old");
    await chmod(join(base, "run.sh"), 0o754);
    await write("run.sh", "new");
    expect(await readFile(join(base, "run.sh"), "utf8")).toBe("new");
    expect((await stat(join(base, "run.sh"))).mode & 0o777).toBe(0o754);
    expect(await readdir(base)).toEqual(["run.sh"]);
  });

  it("writes an empty file", async () => {
    expect(await write("empty.txt", "")).toBe("Written 0 characters to empty.txt");
    expect(await readFile(join(base, "empty.txt"), "utf8")).toBe("");
  });

  it("writes by an absolute path inside the base", async () => {
    await write(join(base, "abs.txt"), "x");
    expect(await readFile(join(base, "abs.txt"), "utf8")).toBe("x");
  });

  it("writes through a symlink inside the base, keeping the link", async () => {
    await writeFile(join(base, "real.txt"), "old");
    await symlink("real.txt", join(base, "link.txt"));
    await write("link.txt", "new");
    expect(await readlink(join(base, "link.txt"))).toBe("real.txt");
    expect(await readFile(join(base, "real.txt"), "utf8")).toBe("new");
  });

  it("creates the target of a dangling symlink inside the base", async () => {
    await symlink("later.txt", join(base, "pending.txt"));
    await write("pending.txt", "now");
    expect(await readFile(join(base, "later.txt"), "utf8")).toBe("now");
  });

  it("refuses to replace a directory", async () => {
    await mkdir(join(base, "docs"));
    await expect(write("docs", "x")).rejects.toMatchObject({
      name: "ToolExecutionError",
      toolName: "write_file",
      message: "Not a file: docs is a directory",
    });
    expect(await readdir(base)).toEqual(["docs"]);
  });

  for (const step of ["rename", "write", "sync"] as const) {
    it(`leaves the old content and no temporary file when ${step} fails`, async () => {
      await mkdir(join(base, "docs"));
      await writeFile(join(base, "docs", "a.txt"), "old content");
      await expect(write("docs/a.txt", "new content", failing(step, `${step} failed`))).rejects.toMatchObject(
        {
          toolName: "write_file",
          message: `Could not write docs/a.txt: ${step} failed`,
        },
      );
      expect(await readFile(join(base, "docs", "a.txt"), "utf8")).toBe("old content");
      expect(await readdir(join(base, "docs"))).toEqual(["a.txt"]);
    });
  }

  it("leaves no temporary file when the rename itself fails on disk", async () => {
    const operations: FileOperations = {
      ...nodeFileOperations,
      rename: async (parent, from) => nodeFileOperations.rename(parent, from, "no/such/dir/x"),
    };
    await expect(write("a.txt", "x", operations)).rejects.toMatchObject({
      message: expect.stringMatching(/^Could not write a\.txt: ENOENT/),
    });
    expect(await readdir(base)).toEqual([]);
  });

  it("names the temporary file after the target, hidden and unique", async () => {
    const created: string[] = [];
    const operations: FileOperations = {
      ...nodeFileOperations,
      createExclusive: async (parent, name) => {
        created.push(join(parent.path, name));
        return nodeFileOperations.createExclusive(parent, name);
      },
    };
    await write("a.txt", "1", operations);
    await write("a.txt", "2", operations);
    expect(created).toHaveLength(2);
    expect(created[0]).toMatch(new RegExp(`^${base}/\\.a\\.txt\\.[0-9a-f]{12}\\.tmp$`));
    expect(created[0]).not.toBe(created[1]);
  });

  it("reports a parent that is a file", async () => {
    await writeFile(join(base, "a.txt"), "file");
    await expect(write("a.txt/b.txt", "x")).rejects.toMatchObject({
      message: expect.stringMatching(/^Could not write a\.txt\/b\.txt: E(EXIST|NOTDIR)/),
    });
  });

  it("refuses paths outside the base and writes nothing there", async () => {
    await symlink(outside, join(base, "out"));
    await symlink(join(outside, "target.txt"), join(base, "dangling.txt"));
    for (const path of [
      "../x.txt",
      "a/../../x.txt",
      join(outside, "x.txt"),
      "~/x.txt",
      "out/x.txt",
      "out/new/x.txt",
      "dangling.txt",
    ]) {
      await expect(write(path, "x")).rejects.toMatchObject({
        toolName: "write_file",
        message: outsideMessage(path),
      });
    }
    expect(await readdir(outside)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(["base", "outside"]);
  });

  /** Moves `docs` to `docs-moved` and puts a symlink to `outside` in its place. */
  async function swapDocsForSymlink() {
    await rename(join(base, "docs"), join(base, "docs-moved"));
    await symlink(outside, join(base, "docs"));
  }

  /** File operations that swap `docs` for a symlink right before the temporary file is created. */
  function swappingBeforeCreate(operations: FileOperations): FileOperations {
    return {
      ...operations,
      createExclusive: async (parent, name) => {
        await swapDocsForSymlink();
        return operations.createExclusive(parent, name);
      },
    };
  }

  it("writes into the directory it opened when that is swapped for a symlink before the temporary file is created", async () => {
    await mkdir(join(base, "docs"));
    await write("docs/a.txt", "x", swappingBeforeCreate(nodeFileOperations));
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(join(base, "docs-moved"))).toEqual(["a.txt"]);
    expect(await readFile(join(base, "docs-moved", "a.txt"), "utf8")).toBe("x");
  });

  it("renames within the directory it opened when that is swapped for a symlink right before the rename", async () => {
    await mkdir(join(base, "docs"));
    const operations: FileOperations = {
      ...nodeFileOperations,
      createExclusive: async (parent, name) => {
        const file = await nodeFileOperations.createExclusive(parent, name);
        return {
          ...file,
          close: async () => {
            await file.close();
            await swapDocsForSymlink();
          },
        };
      },
    };
    await write("docs/a.txt", "x", operations);
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(join(base, "docs-moved"))).toEqual(["a.txt"]);
  });

  it("refuses when a directory it just created is swapped for a symlink before it is opened", async () => {
    const operations: FileOperations = {
      ...nodeFileOperations,
      mkdir: async (parent, name) => {
        await nodeFileOperations.mkdir(parent, name);
        if (name === "new") {
          await rename(join(base, "new"), join(base, "new-moved"));
          await symlink(outside, join(base, "new"));
        }
      },
    };
    await expect(write("new/deeper/a.txt", "x", operations)).rejects.toMatchObject({
      message: outsideMessage("new/deeper/a.txt"),
    });
    expect(await readdir(outside)).toEqual([]);
    expect(await readdir(join(base, "new-moved"))).toEqual([]);
  });

  it("without /proc, refuses when the directory is swapped for a symlink before the temporary file is created", async () => {
    await mkdir(join(base, "docs"));
    const operations = swappingBeforeCreate(createNodeFileOperations("path"));
    await expect(write("docs/a.txt", "x", operations)).rejects.toMatchObject({
      message: `Could not write docs/a.txt: ${join(base, "docs")} was moved or replaced while in use`,
    });
    expect(await readdir(outside)).toEqual([]);
  });

  it("without /proc, writes, creates directories and refuses symlinks out as with it", async () => {
    const operations = createNodeFileOperations("path");
    await symlink(outside, join(base, "out"));
    await write("docs/notes/a.txt", "x", operations);
    await write("docs/notes/a.txt", "y", operations);
    expect(await readFile(join(base, "docs", "notes", "a.txt"), "utf8")).toBe("y");
    await expect(write("out/a.txt", "x", operations)).rejects.toMatchObject({
      message: outsideMessage("out/a.txt"),
    });
    expect(await readdir(outside)).toEqual([]);
  });

  it("removes the temporary files an interrupted write of the same file left behind", async () => {
    // What `kill -9` during a write leaves: a hidden temporary file beside the target.
    await mkdir(join(base, "docs"));
    const leftovers = [".a.txt.0123456789ab.tmp", ".a.txt.ffffffffffff.tmp"];
    for (const name of leftovers) await writeFile(join(base, "docs", name), "half");
    await writeFile(join(base, "docs", ".b.txt.0123456789ab.tmp"), "another file's");
    await writeFile(join(base, "docs", ".a.txt.tmp"), "not a temporary file");
    await write("docs/a.txt", "whole");
    expect((await readdir(join(base, "docs"))).sort()).toEqual([
      ".a.txt.tmp",
      ".b.txt.0123456789ab.tmp",
      "a.txt",
    ]);
    expect(await readFile(join(base, "docs", "a.txt"), "utf8")).toBe("whole");
  });

  it("keeps the temporary files of its own writes still running", async () => {
    const contents = Array.from({ length: 20 }, (_, index) => `content ${index}`);
    const tool = createWriteFileTool({ base, requireApproval: true });
    const results = await Promise.all(
      contents.map((content) =>
        tool.execute(WriteFileInput.parse({ path: "a.txt", content }), fakeCallContext({ cwd: base })),
      ),
    );
    expect(results).toEqual(contents.map((content) => `Written ${content.length} characters to a.txt`));
    expect(contents).toContain(await readFile(join(base, "a.txt"), "utf8"));
    expect(await readdir(base)).toEqual(["a.txt"]);
  });

  it("refuses to write a temporary file's name", async () => {
    await expect(write(".a.txt.0123456789ab.tmp", "x")).rejects.toMatchObject({
      message: temporaryFileMessage(".a.txt.0123456789ab.tmp"),
    });
    await symlink(".a.txt.0123456789ab.tmp", join(base, "link"));
    await expect(write("link", "x")).rejects.toMatchObject({ message: temporaryFileMessage("link") });
    expect(await readdir(base)).toEqual(["link"]);
  });

  it("describes a call for approval prompts, counting code points", () => {
    const tool = createWriteFileTool({ base, requireApproval: true });
    expect(tool.describe?.(WriteFileInput.parse({ path: "a.txt", content: "ab😀" }))).toBe(
      "Write 3 chars to a.txt",
    );
  });

  it("tells the model about the base directory", () => {
    expect(createWriteFileTool({ base, requireApproval: true }).description).toContain(
      "relative to the base directory",
    );
  });
});

describe("temporary file names", () => {
  it("are hidden, named after the file, unique, and recognised", () => {
    const first = temporaryFileName("a.txt");
    expect(first).toMatch(/^\.a\.txt\.[0-9a-f]{12}\.tmp$/);
    expect(temporaryFileName("a.txt")).not.toBe(first);
    expect(isTemporaryFileName(first)).toBe(true);
    expect(isTemporaryFileOf(first, "a.txt")).toBe(true);
  });

  it("tell a write's temporary files from other files", () => {
    expect(isTemporaryFileOf(".a.txt.0123456789ab.tmp", "a.txt")).toBe(true);
    expect(isTemporaryFileOf(".b.txt.0123456789ab.tmp", "a.txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789ab.tmp", "txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789AB.tmp", "a.txt")).toBe(false);
    expect(isTemporaryFileOf(".a.txt.0123456789abc.tmp", "a.txt")).toBe(false);
    for (const name of [
      ".a.txt.tmp",
      "a.txt.0123456789ab.tmp",
      ".a.txt.0123456789ab.tmp.bak",
      ".a.0123.tmp",
    ]) {
      expect(isTemporaryFileName(name)).toBe(false);
    }
  });
});
