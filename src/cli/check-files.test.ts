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

  test("no file at all", () => {
    expect(() => checkFiles([], "/")).toThrow(
      "At least one .worker or tool file (.ts, .mts, .js, .mjs) is required, or a project file (llm-do.yaml) in this folder or above (see llm-do --help)",
    );
  });
});
