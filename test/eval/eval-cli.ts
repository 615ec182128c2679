/**
 * @module Runs `llm-do eval ...` in process through `main`, the way the command line does, and
 * collects what it prints.
 */
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

/** What one command printed and returned. */
export interface EvalCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `llm-do <argv>` in `cwd` with an empty environment. */
export async function llmDo(cwd: string, argv: string[]): Promise<EvalCliResult> {
  const output = { stdout: "", stderr: "" };
  const code = await main(argv, {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  });
  return { code, ...output };
}

/** A tool file with `shout` (upper-cases, adds `!`) and `coin` (alternates ok / bad). */
export const TOOLS = `import { tool, toolset } from "llm-do";
import { z } from "zod";
let flips = 0;
export const text_tools = toolset({
  shout: tool({
    description: "Upper-cases its input.",
    inputSchema: z.object({ input: z.string() }),
    execute: ({ input }) => input.toUpperCase() + "!",
  }),
  coin: tool({
    description: "ok, then bad, then ok...",
    inputSchema: z.object({ input: z.string() }),
    execute: () => (flips++ % 2 === 0 ? "ok" : "bad"),
  }),
});
`;

/** The prompt version of `shout`. */
export const SHOUT_WORKER =
  "---\nname: shout\nmodel: anthropic:claude-haiku-4-5\n---\nShout the input back.\n";

/** Two cases for `shout`. */
export const CASES = `target: shout
cases:
  - name: hello
    input: hello
    expected: HELLO!
  - name: bye
    input: bye
    checks:
      - contains: BYE
      - matches: "!$"
`;
