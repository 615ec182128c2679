// A code entry in front of a worker: every message is appended to messages.log, then handed
// to the greeter worker unchanged. The entry could just as well check, rewrite or route it.
import { appendFile } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

/** One line of the log: the time, then the message with its line breaks escaped. */
export function logLine(message: string, time: Date): string {
  return `[${time.toISOString()}] ${JSON.stringify(message)}\n`;
}

export const entry = toolset({
  main: tool({
    description: "Logs the message to messages.log, then passes it to the greeter worker.",
    inputSchema: z.object({ input: z.string() }),
    execute: async ({ input }, ctx) => {
      await appendFile(path.join(ctx.cwd, "messages.log"), logLine(input, new Date()));
      return ctx.call<string>("greeter", input);
    },
  }),
});
