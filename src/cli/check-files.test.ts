import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { tempProject } from "../testing/index.js";
import { checkFiles } from "./check-files.js";

describe("checkFiles", () => {
  test("passes when every file exists", async () => {
    await using project = await tempProject({ "main.worker": "" });
    expect(() => checkFiles(["main.worker"], project.dir)).not.toThrow();
  });

  test("names every missing file", async () => {
    await using project = await tempProject({ "main.worker": "" });
    expect(() => checkFiles(["main.worker", "nope.worker", "tools.ts"], project.dir)).toThrow(
      /^File not found: nope\.worker, tools\.ts$/,
    );
  });

  test("a quoted prompt that ends like a file name gets a hint", async () => {
    await using project = await tempProject({ "main.worker": "" });
    expect(() => checkFiles(["main.worker", "explain app.js"], project.dir)).toThrow(
      "File not found: explain app.js (an argument ending in a file extension is a file; pass such a prompt on stdin)",
    );
  });

  test.each([
    ["a directory", (dir: string) => mkdirSync(path.join(dir, "x.worker")), "a directory"],
    ["a FIFO", (dir: string) => execFileSync("mkfifo", [path.join(dir, "x.worker")]), "a FIFO (named pipe)"],
    ["a device", (dir: string) => symlinkSync("/dev/null", path.join(dir, "x.worker")), "a character device"],
  ])("refuses %s", async (_name, make, kind) => {
    await using project = await tempProject({ "main.worker": "" });
    make(project.dir);
    expect(() => checkFiles(["main.worker", "x.worker"], project.dir)).toThrow(
      `x.worker: is ${kind}, not a regular file`,
    );
  });

  test("prints names with control characters escaped", async () => {
    await using project = await tempProject({});
    expect(() => checkFiles(["a\u001b[2Jb.worker"], project.dir)).toThrow(
      "File not found: a\\u001b[2Jb.worker",
    );
  });

  test("no file at all", () => {
    expect(() => checkFiles([], "/")).toThrow(
      "At least one .worker or tool file (.ts, .mts, .js, .mjs) is required, or a project file (llm-do.yaml) in this folder or above (see llm-do --help)",
    );
  });
});
