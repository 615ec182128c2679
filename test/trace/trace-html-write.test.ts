import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { BIN } from "../cli/run-cli.js";
import { sampleTrace } from "./trace-events.js";

/** Runs `llm-do ARGS` in `cwd` with files limited to `maxBytes` (`ulimit -f`, 512-byte blocks). */
function runWithFileSizeLimit(cwd: string, maxBytes: number, args: string[]) {
  const child = spawn(
    "/bin/sh",
    ["-c", `ulimit -f ${maxBytes / 512} && exec "$@"`, "sh", process.execPath, BIN, ...args],
    { cwd, env: { PATH: process.env.PATH ?? "", HOME: cwd }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("llm-do trace --html writes its page whole or not at all", () => {
  test("a write that fails part way (the disk fills up) leaves the old page as it was", async () => {
    const trace = sampleTrace();
    // A page of a few hundred KB: far over the limit below.
    trace.calls = Array.from({ length: 200 }, () => structuredClone(trace.calls[0]!));
    await using project = await tempProject({
      "run.json": JSON.stringify(trace),
      "page.html": "<!doctype html><p>the page from yesterday</p>\n",
    });
    const limit = 64 * 1024;
    const failed = await runWithFileSizeLimit(project.dir, limit, [
      "trace",
      "run.json",
      "--html",
      "page.html",
    ]);
    expect(failed.stderr).toBe("Error: cannot write page.html: EFBIG: file too large, write\n");
    expect(failed.code).toBe(1);
    expect(await readFile(project.path("page.html"), "utf8")).toBe(
      "<!doctype html><p>the page from yesterday</p>\n",
    );
    // No half-written temporary file is left beside it.
    expect((await readdir(project.dir)).sort()).toEqual(["page.html", "run.json"]);

    // The same command under the limit (a small trace) replaces the page.
    await project.write("small.json", JSON.stringify(sampleTrace()));
    const written = await runWithFileSizeLimit(project.dir, limit, [
      "trace",
      "small.json",
      "--html",
      "page.html",
    ]);
    expect(written).toEqual({ code: 0, stderr: "Wrote page.html\n" });
    expect(await readFile(project.path("page.html"), "utf8")).toContain("<!doctype html>");
  });
});
