import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempBase } from "../../../test/support/temp-base.js";
import { type Directory, type FileOperations, nodeFileOperations } from "./file-operations.js";
import { type Entry, type EntryStep, isInside, outsideBaseMessage, withEntry } from "./with-entry.js";

let root: string;
let base: string;
let outside: string;

beforeEach(async () => {
  ({ root, base, outside } = await createTempBase("llm-do-entry-"));
  await mkdir(join(base, "docs", "deep"), { recursive: true });
  await writeFile(join(base, "docs", "a.txt"), "a");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The real operations, counting the directory handles still open. */
function counting(operations: FileOperations = nodeFileOperations) {
  let open = 0;
  const track = (directory: Directory): Directory => {
    open++;
    return {
      ...directory,
      close: async () => {
        open--;
        await directory.close();
      },
    };
  };
  return {
    operations: {
      ...operations,
      openBase: async (path) => track(await operations.openBase(path)),
      openDirectory: async (parent, name) => track(await operations.openDirectory(parent, name)),
    } satisfies FileOperations,
    openHandles: () => open,
  };
}

/** An `act` that records each entry it is given and follows symlinks. */
function recording(entries: { name: string; names: readonly string[] }[]) {
  return async (entry: Entry): Promise<EntryStep<string>> => {
    entries.push({ name: entry.name, names: entry.names });
    const stats = await nodeFileOperations.lstat(entry.directory, entry.name).catch(() => undefined);
    if (stats?.isSymbolicLink()) return { type: "symlink" };
    return { type: "done", value: entry.names.join("/") };
  };
}

describe("withEntry", () => {
  it("hands act the entry's directory and name, and '.' for the base itself", async () => {
    const entries: { name: string; names: readonly string[] }[] = [];
    const { operations } = counting();
    expect(await withEntry({ base, path: "docs/a.txt", operations }, recording(entries))).toEqual({
      type: "done",
      value: "docs/a.txt",
    });
    expect(await withEntry({ base, path: ".", operations }, recording(entries))).toEqual({
      type: "done",
      value: "",
    });
    expect(entries).toEqual([
      { name: "a.txt", names: ["docs", "a.txt"] },
      { name: ".", names: [] },
    ]);
  });

  it("follows symlinks on the way and at the end, walking again from the base", async () => {
    await symlink("docs/deep", join(base, "deep-link"));
    await symlink("../a.txt", join(base, "docs", "deep", "up.txt"));
    const entries: { name: string; names: readonly string[] }[] = [];
    const outcome = await withEntry(
      { base, path: "deep-link/up.txt", operations: nodeFileOperations },
      recording(entries),
    );
    expect(outcome).toEqual({ type: "done", value: "docs/a.txt" });
    expect(entries.map((entry) => entry.names.join("/"))).toEqual(["docs/deep/up.txt", "docs/a.txt"]);
  });

  it("refuses a symlink on the way or at the end that points outside", async () => {
    await symlink(outside, join(base, "docs", "out"));
    await symlink(join(outside, "x.txt"), join(base, "x.txt"));
    for (const path of ["docs/out/x.txt", "x.txt"]) {
      expect(await withEntry({ base, path, operations: nodeFileOperations }, recording([]))).toEqual({
        type: "refused",
        reason: outsideBaseMessage(path, base),
      });
    }
  });

  it("reports a missing directory or a file on the way, creating nothing unless asked", async () => {
    const operations = nodeFileOperations;
    expect(await withEntry({ base, path: "new/deeper/b.txt", operations }, recording([]))).toEqual({
      type: "missing",
      names: ["new", "deeper", "b.txt"],
      at: 0,
      reason: "not-found",
    });
    expect(await withEntry({ base, path: "docs/a.txt/b.txt", operations }, recording([]))).toEqual({
      type: "missing",
      names: ["docs", "a.txt", "b.txt"],
      at: 1,
      reason: "not-directory",
    });
    expect(await readdir(base)).toEqual(["docs"]);
    expect(
      await withEntry({ base, path: "new/deeper/b.txt", operations, createDirectories: true }, recording([])),
    ).toEqual({ type: "done", value: "new/deeper/b.txt" });
    expect(await readdir(join(base, "new"))).toEqual(["deeper"]);
  });

  it("closes every handle it opened, whether act finishes, follows a symlink, is refused or throws", async () => {
    await symlink("docs", join(base, "docs-link"));
    await symlink(outside, join(base, "out"));
    const { operations, openHandles } = counting();
    await withEntry({ base, path: "docs-link/deep/x", operations, createDirectories: true }, recording([]));
    await withEntry({ base, path: "out/x", operations }, recording([]));
    await withEntry({ base, path: "nope/x", operations }, recording([]));
    await expect(
      withEntry({ base, path: "docs/deep/x", operations }, async () => {
        throw new Error("act failed");
      }),
    ).rejects.toThrow("act failed");
    expect(openHandles()).toBe(0);
  });

  it("gives up on a directory that keeps changing between its two looks", async () => {
    const operations: FileOperations = {
      ...nodeFileOperations,
      openDirectory: async (parent, name) => {
        if (name === "docs") throw Object.assign(new Error("ENOTDIR: swapped"), { code: "ENOTDIR" });
        return nodeFileOperations.openDirectory(parent, name);
      },
    };
    await expect(withEntry({ base, path: "docs/a.txt", operations }, recording([]))).rejects.toMatchObject({
      code: "ECHANGED",
      message: `${join(base, "docs")} kept changing while it was opened`,
    });
  });

  it("refuses a path that leaves the base by name, a home path and a NUL byte before opening anything", async () => {
    const { operations, openHandles } = counting();
    let opened = 0;
    const watched: FileOperations = {
      ...operations,
      openBase: async (path) => {
        opened++;
        return operations.openBase(path);
      },
    };
    for (const path of ["../outside", "~/x", "a\0b", outside]) {
      expect((await withEntry({ base, path, operations: watched }, recording([]))).type).toBe("refused");
    }
    expect(opened).toBe(0);
    expect(openHandles()).toBe(0);
  });
});

describe("isInside", () => {
  it("accepts the base and paths below it", () => {
    expect(isInside("/srv/base", "/srv/base")).toBe(true);
    expect(isInside("/srv/base", "/srv/base/a/b")).toBe(true);
    expect(isInside("/srv/base", "/srv/base/..hidden")).toBe(true);
    expect(isInside("/", "/etc")).toBe(true);
  });

  it("refuses parents, siblings and prefixes of the name", () => {
    expect(isInside("/srv/base", "/srv")).toBe(false);
    expect(isInside("/srv/base", "/srv/other")).toBe(false);
    expect(isInside("/srv/base", "/srv/base-evil")).toBe(false);
  });
});
