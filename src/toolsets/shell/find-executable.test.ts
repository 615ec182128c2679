import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirectory } from "../../../test/fixtures/shell/process-helpers.js";
import { findExecutable } from "./find-executable.js";

describe("findExecutable", () => {
  it("searches PATH in order, skipping files it may not run and directories", async () => {
    await using directory = await tempDirectory();
    const [first, second, third] = ["a", "b", "c"].map((name) => path.join(directory.path, name));
    for (const folder of [first!, second!, third!]) await mkdir(folder);
    await mkdir(path.join(first!, "tool"));
    await writeFile(path.join(second!, "tool"), "");
    await writeFile(path.join(third!, "tool"), "#!/bin/sh\n");
    await chmod(path.join(third!, "tool"), 0o755);
    const searchPath = [first, second, third].join(":");
    expect(await findExecutable("tool", { searchPath, cwd: "/" })).toEqual({
      type: "found",
      path: path.join(third!, "tool"),
    });
    expect(await findExecutable("tool", { searchPath: [first, second].join(":"), cwd: "/" })).toEqual({
      type: "not-executable",
      path: path.join(second!, "tool"),
    });
    expect(await findExecutable("missing", { searchPath, cwd: "/" })).toEqual({ type: "not-found" });
  });

  it("resolves a name with a slash against cwd, without PATH", async () => {
    await using directory = await tempDirectory();
    await writeFile(path.join(directory.path, "run.sh"), "#!/bin/sh\n");
    await chmod(path.join(directory.path, "run.sh"), 0o755);
    expect(await findExecutable("./run.sh", { searchPath: "", cwd: directory.path })).toEqual({
      type: "found",
      path: path.join(directory.path, "run.sh"),
    });
  });
});
