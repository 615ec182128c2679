import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { replaceFile } from "./replace-file.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "llm-do-replace-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("replaceFile", () => {
  test("creates a file, then replaces it whole, leaving nothing else behind", async () => {
    const file = path.join(dir, "trace.json");
    await replaceFile(file, "first\n");
    await replaceFile(file, "second\n");
    expect(await readFile(file, "utf8")).toBe("second\n");
    expect(await readdir(dir)).toEqual(["trace.json"]);
  });

  test("a failed write leaves the target as it was and no temporary file", async () => {
    // The target is a directory: the rename over it fails after the temporary file was written.
    const target = path.join(dir, "recording.yaml");
    await mkdir(target);
    await writeFile(path.join(target, "keep"), "x");
    await expect(replaceFile(target, "new")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["recording.yaml"]);
    expect(await readdir(target)).toEqual(["keep"]);
  });

  test("a missing directory is an error naming the path", async () => {
    await expect(replaceFile(path.join(dir, "missing", "trace.json"), "x")).rejects.toThrow(/missing/);
  });
});
