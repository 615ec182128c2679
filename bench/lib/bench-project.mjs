/**
 * @module Temporary project directories for the benchmarks: worker files and a tool file, as a
 * user would write them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A tool file with one cheap tool, `echo`, in a toolset named `bench`. */
export const ECHO_TOOLS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const bench = toolset({
  echo: tool({
    description: "Returns its input.",
    inputSchema: z.object({ n: z.number() }),
    execute: ({ n }) => ({ n }),
  }),
});
`;

/**
 * A worker file.
 * @param {{ name: string, model: string, toolsets?: string, body?: string }} options
 *   `toolsets` is the YAML mapping's lines, indented by two spaces.
 */
export function workerFile(options) {
  const toolsets = options.toolsets ? `toolsets:\n${options.toolsets}\n` : "";
  return `---\nname: ${options.name}\nmodel: ${options.model}\n${toolsets}---\n${options.body ?? "Do the task."}\n`;
}

/**
 * Creates a temporary directory holding `files`; `remove()` deletes it.
 * @param {Record<string, string>} files Relative path to content.
 */
export function createBenchProject(files) {
  const dir = mkdtempSync(path.join(tmpdir(), "llm-do-bench-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The worker of the durable benchmarks: main calls `echo` twice, then answers (3 model requests
 * and 2 tool calls an item), with `extraFiles` beside it.
 */
export function echoTwiceProject(extraFiles = {}) {
  return createBenchProject({
    "main.worker": workerFile({
      name: "main",
      model: "anthropic:claude-haiku-4-5",
      toolsets: "  bench: {}",
      body: "Call echo twice, then answer.",
    }),
    "tools.ts": ECHO_TOOLS,
    ...extraFiles,
  });
}
