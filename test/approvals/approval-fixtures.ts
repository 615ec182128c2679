/** Shared worker and tool files for the approval tests. */

export const TOOLS_TS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";
import { appendFileSync } from "node:fs";
import { join } from "node:path";

// Tools write where the run works (ctx.cwd), never where the process happens to be.
const log = (cwd: string, name: string, value: unknown) =>
  appendFileSync(join(cwd, "side-effects.log"), name + " " + JSON.stringify(value) + "\\n");

export const risky = toolset({
  safe: tool({
    description: "Declares nothing: trusted code runs freely.",
    inputSchema: z.object({ n: z.number() }),
    execute: ({ n }, ctx) => { log(ctx.cwd, "safe", n); return n; },
  }),
  dangerous: tool({
    description: "Always asks.",
    inputSchema: z.object({ n: z.number() }),
    needsApproval: true,
    execute: ({ n }, ctx) => { log(ctx.cwd, "dangerous", n); return "did " + n; },
  }),
  conditional: tool({
    description: "Asks for big numbers, with a reason.",
    inputSchema: z.object({ n: z.number() }),
    needsApproval: ({ n }) => (n > 10 ? "n is larger than 10" : false),
    describe: ({ n }) => "Conditional with " + n,
    execute: ({ n }, ctx) => { log(ctx.cwd, "conditional", n); return n; },
  }),
  forbidden: tool({
    description: "Blocked for negative numbers.",
    inputSchema: z.object({ n: z.number() }),
    needsApproval: ({ n }) => (n < 0 ? { type: "blocked", reason: "negative numbers are never allowed" } : false),
    execute: ({ n }, ctx) => { log(ctx.cwd, "forbidden", n); return n; },
  }),
});

export const entries = toolset({
  pipeline: tool({
    description: "Code entry calling a gated tool and a worker from code.",
    inputSchema: z.object({ input: z.string() }),
    execute: async ({ input }, ctx) => {
      const first = await ctx.call("dangerous", { n: 1 });
      const second = await ctx.call("level1", input);
      return { first, second };
    },
  }),
  caller: tool({
    description: "Calls dangerous from code and reports a denial as data.",
    inputSchema: z.object({ n: z.number() }),
    execute: async ({ n }, ctx) => {
      try { return await ctx.call("dangerous", { n }); }
      catch (error) { return "caught: " + (error as Error).message; }
    },
  }),
});
`;

/** A chain main > level1 > level2 > level3 where each level can call the risky tools. */
export function chainFiles(options: { approvalConfig?: string } = {}) {
  const risky = `  risky:\n${options.approvalConfig ?? "    {}\n"}`;
  return {
    "tools.ts": TOOLS_TS,
    "main.worker": `---\nname: main\nmodel: test:main\ntoolsets:\n${risky}  level1: {}\n---\nMain.\n`,
    "level1.worker": `---\nname: level1\nmodel: test:level1\ntoolsets:\n${risky}  level2: {}\n---\nLevel 1.\n`,
    "level2.worker": `---\nname: level2\nmodel: test:level2\ntoolsets:\n${risky}---\nLevel 2.\n`,
  };
}

export const chainPaths = ["tools.ts", "main.worker", "level1.worker", "level2.worker"];
