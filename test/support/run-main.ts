/**
 * @module Runs the `llm-do` command in this process (`main` from src/cli), headless: stdout and
 * stdin are not terminals, and the environment is only what the test gives. Faster than
 * spawning `bin/llm-do.js` when a test runs the command many times.
 */
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

/** How one run ended. */
export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `llm-do argv...` in `cwd`. */
export async function runMain(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<MainResult> {
  const output = { stdout: "", stderr: "" };
  const code = await main(argv, {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  });
  return { code, ...output };
}
