import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tempProject } from "../testing/index.js";
import { importToolFile } from "./import-tool-file.js";

describe("importToolFile", () => {
  it("refuses a FIFO and a folder without reading them, naming them as shown", async () => {
    await using project = await tempProject({});
    execFileSync("mkfifo", [project.path("pipe.ts")]);
    mkdirSync(project.path("folder.ts"));
    await expect(importToolFile(project.path("pipe.ts"), { shownAs: "pipe.ts" })).rejects.toThrow(
      "pipe.ts: is a FIFO (named pipe), not a regular file",
    );
    await expect(importToolFile(project.path("folder.ts"), { shownAs: "folder.ts" })).rejects.toThrow(
      "folder.ts: is a directory, not a regular file",
    );
  });

  it("names a missing file and a wrong extension", async () => {
    await using project = await tempProject({ "notes.txt": "" });
    await expect(importToolFile(project.path("nope.ts"), { shownAs: "nope.ts" })).rejects.toThrow(
      "Tool file not found: nope.ts",
    );
    await expect(importToolFile(project.path("notes.txt"), { shownAs: "notes.txt" })).rejects.toThrow(
      "notes.txt: not a tool file (expected .ts, .mts, .js, .mjs)",
    );
  });

  it("loads a file within the limit, and names one that is not loaded in time", async () => {
    await using project = await tempProject({
      "ok.ts": "export const answer: number = 42;\n",
      "slow.ts": "await new Promise(() => {});\nexport const never = 1;\n",
    });
    expect(await importToolFile(project.path("ok.ts"))).toMatchObject({ answer: 42 });
    await expect(
      importToolFile(project.path("slow.ts"), { timeoutMs: 300, shownAs: "slow.ts" }),
    ).rejects.toThrow(
      "slow.ts: did not finish loading within 0.3 s (an endless loop at its top level, or a top-level await that never settles?); LLM_DO_TOOL_LOAD_TIMEOUT sets the limit in seconds",
    );
  });
});
