import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempBase } from "../../../test/support/temp-base.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import { createNodeFileOperations, type FileOperations, nodeFileOperations } from "./file-operations.js";
import { createListFilesTool, ListFilesInput } from "./list-files.js";

let root: string;
let base: string;
let outside: string;

beforeEach(async () => {
  ({ root, base, outside } = await createTempBase("llm-do-list-"));
  for (const file of [
    "a.txt",
    "B.txt",
    "b.md",
    ".hidden.txt",
    "sub/c.txt",
    "sub/.e.txt",
    "sub/deep/d.txt",
    ".git/config",
  ]) {
    await mkdir(dirname(join(base, file)), { recursive: true });
    await writeFile(join(base, file), file);
  }
  await mkdir(join(base, "empty-dir"));
  await mkdir(join(outside, "dir"), { recursive: true });
  await writeFile(join(outside, "secret.txt"), "secret");
  await writeFile(join(outside, "dir", "inner.txt"), "inner");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function list(input: Partial<ListFilesInput>, signal?: AbortSignal) {
  const tool = createListFilesTool({ base, requireApproval: false });
  return tool.execute(ListFilesInput.parse(input), fakeCallContext({ cwd: base, signal }));
}

describe("list_files", () => {
  it("lists every regular file, hidden ones included, sorted, by default", async () => {
    expect(await list({})).toEqual([
      ".git/config",
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "b.md",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
  });

  it("keeps '*.txt' to the top level and lets '**/*.txt' recurse", async () => {
    expect(await list({ pattern: "*.txt" })).toEqual([".hidden.txt", "B.txt", "a.txt"]);
    expect(await list({ pattern: "**/*.txt" })).toEqual([
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
    expect(await list({ pattern: "sub/*/*" })).toEqual(["sub/deep/d.txt"]);
  });

  it("lists paths relative to the given directory", async () => {
    expect(await list({ path: "sub" })).toEqual([".e.txt", "c.txt", "deep/d.txt"]);
    expect(await list({ path: "sub/", pattern: "*" })).toEqual([".e.txt", "c.txt"]);
    expect(await list({ path: join(base, "sub", "deep") })).toEqual(["d.txt"]);
  });

  it("returns an empty list when nothing matches", async () => {
    expect(await list({ pattern: "*.pdf" })).toEqual([]);
    expect(await list({ path: "empty-dir" })).toEqual([]);
  });

  it("reports a missing directory and a file given as the directory", async () => {
    await expect(list({ path: "nope" })).rejects.toMatchObject({
      name: "ToolExecutionError",
      toolName: "list_files",
      message: "Directory not found: nope",
    });
    await expect(list({ path: "a.txt" })).rejects.toMatchObject({
      message: "Not a directory: a.txt (use read_file for files)",
    });
  });

  it("reports an invalid pattern", async () => {
    await expect(list({ pattern: "../*" })).rejects.toMatchObject({
      message:
        "Invalid pattern '../*': use a non-empty pattern relative to path, without '..' (e.g. '*.txt' or '**/*.md')",
    });
  });

  it("refuses directories outside the base", async () => {
    await symlink(outside, join(base, "out"));
    for (const path of ["..", "../outside", "sub/../../outside", outside, "~", "out"]) {
      await expect(list({ path })).rejects.toMatchObject({
        message: `Path '${path}' is outside the allowed directory ${base}: use a path relative to it`,
      });
    }
  });

  it("never lists or descends through symlinks that leave the base", async () => {
    await symlink(join(outside, "secret.txt"), join(base, "leak.txt"));
    await symlink(join(outside, "dir"), join(base, "sub", "out-dir"));
    await symlink(join(outside, "missing.txt"), join(base, "dangling.txt"));
    expect(await list({ pattern: "**/*" })).toEqual([
      ".git/config",
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "b.md",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
    expect(await list({ path: "sub", pattern: "out-dir/*" })).toEqual([]);
  });

  it("lists symlinked files that stay inside the base but does not descend into symlinked directories", async () => {
    await symlink("a.txt", join(base, "link.txt"));
    await symlink(join(base, "sub"), join(base, "sub-link"));
    await symlink(base, join(base, "sub", "loop"));
    expect(await list({ pattern: "**/*" })).toEqual([
      ".git/config",
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "b.md",
      "link.txt",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
  });

  it("lists a directory reached through a symlink inside the base", async () => {
    await symlink("sub", join(base, "sub-link"));
    expect(await list({ path: "sub-link", pattern: "*.txt" })).toEqual([".e.txt", "c.txt"]);
  });

  it("never lists write_file's temporary files, such as those a killed write left behind", async () => {
    await writeFile(join(base, ".a.txt.0123456789ab.tmp"), "half");
    await writeFile(join(base, "sub", ".c.txt.abcdef012345.tmp"), "half");
    await symlink(".a.txt.0123456789ab.tmp", join(base, "link-to-temporary.txt"));
    await writeFile(join(base, ".a.txt.tmp"), "an ordinary name");
    expect(await list({ pattern: "**/*" })).toEqual([
      ".a.txt.tmp",
      ".git/config",
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "b.md",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
  });

  it("lists from the directory it opened when that is swapped for a symlink meanwhile", async () => {
    const operations: FileOperations = {
      ...nodeFileOperations,
      readdir: async (directory) => {
        if (directory.path === join(base, "sub")) {
          await rename(join(base, "sub"), join(base, "sub-moved"));
          await symlink(outside, join(base, "sub"));
        }
        return nodeFileOperations.readdir(directory);
      },
    };
    const tool = createListFilesTool({ base, requireApproval: false, operations });
    expect(await tool.execute(ListFilesInput.parse({ path: "sub" }), fakeCallContext({ cwd: base }))).toEqual(
      [".e.txt", "c.txt", "deep/d.txt"],
    );
  });

  it("does not descend into a directory swapped for a symlink after it was read", async () => {
    const operations: FileOperations = {
      ...nodeFileOperations,
      readdir: async (directory) => {
        const entries = await nodeFileOperations.readdir(directory);
        if (directory.path === base) {
          await rename(join(base, "sub"), join(base, "sub-moved"));
          await symlink(join(outside), join(base, "sub"));
        }
        return entries;
      },
    };
    const tool = createListFilesTool({ base, requireApproval: false, operations });
    const listed = await tool.execute(ListFilesInput.parse({}), fakeCallContext({ cwd: base }));
    expect(listed).toEqual([".git/config", ".hidden.txt", "B.txt", "a.txt", "b.md"]);
  });

  it("without /proc, lists and refuses as with it", async () => {
    await symlink(outside, join(base, "out"));
    await symlink("a.txt", join(base, "link.txt"));
    const tool = createListFilesTool({
      base,
      requireApproval: false,
      operations: createNodeFileOperations("path"),
    });
    const listed = await tool.execute(
      ListFilesInput.parse({ pattern: "**/*.txt" }),
      fakeCallContext({ cwd: base }),
    );
    expect(listed).toEqual([
      ".hidden.txt",
      "B.txt",
      "a.txt",
      "link.txt",
      "sub/.e.txt",
      "sub/c.txt",
      "sub/deep/d.txt",
    ]);
    await expect(
      tool.execute(ListFilesInput.parse({ path: "out" }), fakeCallContext({ cwd: base })),
    ).rejects.toMatchObject({
      message: `Path 'out' is outside the allowed directory ${base}: use a path relative to it`,
    });
  });

  it("stops when the run is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(list({}, controller.signal)).rejects.toThrow("cancelled");
  });

  it("describes a call for approval prompts", () => {
    const tool = createListFilesTool({ base, requireApproval: false });
    expect(tool.describe?.(ListFilesInput.parse({}))).toBe("List files matching **/* in .");
    expect(tool.describe?.(ListFilesInput.parse({ path: "docs", pattern: "*.pdf" }))).toBe(
      "List files matching *.pdf in docs",
    );
  });

  it("tells the model about the base directory and the pattern syntax", () => {
    const { description } = createListFilesTool({ base, requireApproval: false });
    expect(description).toContain("relative to the base directory");
    expect(description).toContain("'*.txt' lists the top level only, '**/*.txt' every level");
  });
});
