import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempBase } from "../../../test/support/temp-base.js";
import { resolveInside } from "./classify-path.js";
import { nodeFileOperations } from "./file-operations.js";
import { outsideBaseMessage } from "./with-entry.js";

let root: string;
let base: string;
let outside: string;

beforeEach(async () => {
  ({ root, base, outside } = await createTempBase("llm-do-resolve-"));
  await mkdir(join(base, "docs"), { recursive: true });
  await writeFile(join(base, "docs", "a.txt"), "a");
  await writeFile(join(outside, "secret.txt"), "secret");
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const resolveIn = (path: string) => resolveInside({ base, path });
const refused = (path: string) => ({ type: "refused", reason: outsideBaseMessage(path, base) });

describe("resolveInside", () => {
  it("resolves an existing relative path to its real path", async () => {
    expect(await resolveIn("docs/a.txt")).toEqual({
      type: "inside",
      path: join(base, "docs", "a.txt"),
      exists: true,
    });
  });

  it("resolves a path that does not exist yet below its nearest existing ancestor", async () => {
    expect(await resolveIn("docs/new/deeper/b.txt")).toEqual({
      type: "inside",
      path: join(base, "docs", "new", "deeper", "b.txt"),
      exists: false,
    });
  });

  it("maps '.' and the empty path to the base itself", async () => {
    expect(await resolveIn(".")).toEqual({ type: "inside", path: base, exists: true });
    expect(await resolveIn("")).toEqual({ type: "inside", path: base, exists: true });
  });

  it("accepts absolute paths inside the base", async () => {
    expect(await resolveIn(join(base, "docs", "a.txt"))).toEqual({
      type: "inside",
      path: join(base, "docs", "a.txt"),
      exists: true,
    });
  });

  it("accepts '..' that stays inside the base", async () => {
    expect(await resolveIn("docs/../docs/a.txt")).toMatchObject({
      type: "inside",
      path: join(base, "docs", "a.txt"),
    });
    expect(await resolveIn("../base/docs/a.txt")).toMatchObject({
      type: "inside",
      path: join(base, "docs", "a.txt"),
    });
  });

  it("refuses '..' that leaves the base", async () => {
    expect(await resolveIn("../x")).toEqual(refused("../x"));
    expect(await resolveIn("a/../../x")).toEqual(refused("a/../../x"));
    expect(await resolveIn("..")).toEqual(refused(".."));
    expect(await resolveIn("../outside/secret.txt")).toEqual(refused("../outside/secret.txt"));
  });

  it("refuses a sibling whose name starts with the base's name", async () => {
    await mkdir(`${base}-evil`);
    expect(await resolveIn(`${base}-evil/x`)).toEqual(refused(`${base}-evil/x`));
  });

  it("refuses absolute paths outside the base", async () => {
    expect(await resolveIn("/etc/passwd")).toEqual(refused("/etc/passwd"));
    expect(await resolveIn(join(outside, "secret.txt"))).toEqual(refused(join(outside, "secret.txt")));
    expect(await resolveIn("/")).toEqual(refused("/"));
  });

  it("words the refusal so the model can act on it", () => {
    expect(outsideBaseMessage("../x", "/srv/project")).toBe(
      "Path '../x' is outside the allowed directory /srv/project: use a path relative to it",
    );
  });

  it("refuses home-relative paths, which are never expanded", async () => {
    expect(await resolveIn("~/x")).toEqual(refused("~/x"));
    expect(await resolveIn("~")).toEqual(refused("~"));
    expect(await resolveIn("~root/.ssh/id_rsa")).toEqual(refused("~root/.ssh/id_rsa"));
  });

  it("treats a '~' that is not a home reference as an ordinary name", async () => {
    expect(await resolveIn("./~/x")).toMatchObject({ type: "inside", path: join(base, "~", "x") });
    expect(await resolveIn("~$lock.docx")).toMatchObject({ type: "inside", path: join(base, "~$lock.docx") });
    expect(await resolveIn("docs/~")).toMatchObject({ type: "inside", path: join(base, "docs", "~") });
  });

  it("refuses a symlinked directory in the middle of the path that points outside", async () => {
    await symlink(outside, join(base, "link"));
    expect(await resolveIn("link/secret.txt")).toEqual(refused("link/secret.txt"));
    expect(await resolveIn("link/new/file.txt")).toEqual(refused("link/new/file.txt"));
    expect(await resolveIn("link")).toEqual(refused("link"));
  });

  it("refuses a symlinked file that points outside", async () => {
    await symlink(join(outside, "secret.txt"), join(base, "leak.txt"));
    expect(await resolveIn("leak.txt")).toEqual(refused("leak.txt"));
  });

  it("refuses a dangling symlink that points outside", async () => {
    await symlink(join(outside, "missing.txt"), join(base, "dangling.txt"));
    expect(await resolveIn("dangling.txt")).toEqual(refused("dangling.txt"));
  });

  it("refuses a relative symlink that climbs out", async () => {
    await symlink("../../outside", join(base, "docs", "up"));
    expect(await resolveIn("docs/up/secret.txt")).toEqual(refused("docs/up/secret.txt"));
  });

  it("follows a symlink inside the base that points inside", async () => {
    await symlink(join(base, "docs"), join(base, "alias"));
    await symlink("docs/a.txt", join(base, "a-link.txt"));
    expect(await resolveIn("alias/a.txt")).toEqual({
      type: "inside",
      path: join(base, "docs", "a.txt"),
      exists: true,
    });
    expect(await resolveIn("a-link.txt")).toEqual({
      type: "inside",
      path: join(base, "docs", "a.txt"),
      exists: true,
    });
  });

  it("follows a dangling symlink inside the base to the file it will create", async () => {
    await symlink("docs/later.txt", join(base, "pending.txt"));
    expect(await resolveIn("pending.txt")).toEqual({
      type: "inside",
      path: join(base, "docs", "later.txt"),
      exists: false,
    });
  });

  it("accepts absolute paths that reach the base through a symlinked alias", async () => {
    await symlink(base, join(root, "alias"));
    expect(await resolveIn(join(root, "alias", "docs", "a.txt"))).toMatchObject({
      type: "inside",
      path: join(base, "docs", "a.txt"),
    });
  });

  it("refuses a symlink loop", async () => {
    await symlink("loop-b", join(base, "loop-a"));
    await symlink("loop-a", join(base, "loop-b"));
    const reason = "Path 'loop-a/x' could not be resolved: too many levels of symbolic links";
    expect(await resolveIn("loop-a/x")).toEqual({ type: "refused", reason });
  });

  it("refuses a path containing a NUL byte", async () => {
    expect(await resolveIn("a\0b")).toEqual({ type: "refused", reason: "Path 'a\0b' contains a NUL byte" });
  });

  it("resolves below a file as a path that does not exist", async () => {
    expect(await resolveIn("docs/a.txt/x")).toEqual({
      type: "inside",
      path: join(base, "docs", "a.txt", "x"),
      exists: false,
    });
  });

  it("rejects on unexpected I/O errors", async () => {
    const denied = Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    const operations = {
      ...nodeFileOperations,
      lstat: async () => {
        throw denied;
      },
    };
    await expect(resolveInside({ base, path: "docs/a.txt", operations })).rejects.toBe(denied);
  });
});
