/**
 * A program that loads a tool file through the library ends by itself when its work is done:
 * the tool-file watchdog (src/util/with-time-limit.ts) must not keep the process alive. (It once
 * did: its message listener re-ref'd the watchdog's port, and every `run()` or `loadProject()`
 * of a project with a tool file hung after finishing.)
 */
import { spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { repoRoot } from "../support/provider-fixtures.js";

test("loadProject with a tool file, then nothing: the process exits on its own", async () => {
  const project = await tempProject({
    "main.worker": "---\nname: main\nmodel: builtin:echo\ntoolsets:\n  tools: {}\n---\nHi.\n",
    "tools.mjs": `import { tool, toolset } from "llm-do";\nimport { z } from "zod";\nexport const tools = toolset({ t: tool({ description: "d", inputSchema: z.object({}), execute: () => 1 }) });\n`,
    "load.mjs": `import { loadProject } from ${JSON.stringify(pathToFileURL(`${repoRoot}/dist/index.js`).href)};\nawait loadProject({ files: ["main.worker", "tools.mjs"], cwd: process.cwd() });\nconsole.log("loaded");\n`,
  });
  try {
    const child = spawn(process.execPath, ["load.mjs"], {
      cwd: project.dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    // Kills the child if it hangs, so the test fails instead of timing out.
    const guard = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(guard);
    expect(output).toContain("loaded");
    expect(code, output).toBe(0);
  } finally {
    await project.remove();
  }
});
