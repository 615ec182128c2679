import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { tempProject } from "../testing/index.js";
import { openAppendFile } from "./append-file.js";

describe("openAppendFile", () => {
  test("empties the file, then each append is on disk when it returns", async () => {
    await using project = await tempProject({ "log.txt": "old content\n" });
    const file = openAppendFile(project.path("log.txt"));
    expect(await readFile(project.path("log.txt"), "utf8")).toBe("");
    file.append("one\n");
    expect(await readFile(project.path("log.txt"), "utf8")).toBe("one\n");
    file.append("twö\n");
    expect(await readFile(project.path("log.txt"), "utf8")).toBe("one\ntwö\n");
    file.close();
    file.close();
  });

  test("a file that cannot be created is the system error", async () => {
    await using project = await tempProject({});
    expect(() => openAppendFile(path.join(project.dir, "missing", "log.txt"))).toThrow(/ENOENT/);
  });
});
