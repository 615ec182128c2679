/**
 * Data tools. Every tool here declares `needsApproval: true`: a toolset that can send data
 * somewhere asks by default, and each worker that uses it decides which of its tools are safe
 * to run unasked (`_approval_config` with `pre_approved: true`, see main.worker).
 */
import { tool, toolset } from "llm-do";
import { z } from "zod";

/** Tab-separated rows as CSV, or as a JSON list of lines. */
export function formatOutput(data: string, format: "csv" | "json"): string {
  const lines = data.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (format === "json") return JSON.stringify(lines);
  return lines.map((line) => line.split("\t").join(",")).join("\n");
}

/** `count=…, sum=…, avg=…` for comma-separated numbers. */
export function calculateStats(numbers: string): string {
  const parts = numbers
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (parts.length === 0) throw new Error("no numbers given: pass them comma-separated, e.g. '1, 2, 3'");
  const values = parts.map((part) => {
    const value = Number(part);
    if (!Number.isFinite(value)) throw new Error(`not a number: '${part}'`);
    return value;
  });
  const sum = values.reduce((total, value) => total + value, 0);
  const average = Math.round((sum / values.length) * 100) / 100;
  return `count=${values.length}, sum=${sum}, avg=${average}`;
}

export const data_tools = toolset({
  format_output: tool({
    description: "Convert tab-separated rows to CSV, or to a JSON list of lines.",
    inputSchema: z.object({
      data: z.string().describe("The rows, one per line, fields separated by tabs"),
      format: z.enum(["csv", "json"]).default("csv"),
    }),
    needsApproval: true,
    execute: ({ data, format }) => formatOutput(data, format),
  }),
  calculate_stats: tool({
    description: "Count, sum and average of comma-separated numbers.",
    inputSchema: z.object({ numbers: z.string().describe("Comma-separated numbers, e.g. '3, 4.5, 10'") }),
    needsApproval: true,
    execute: ({ numbers }) => calculateStats(numbers),
  }),
  send_notification: tool({
    description: "Send a one-line notification to a channel. A stub: nothing leaves this machine.",
    inputSchema: z.object({
      message: z.string(),
      channel: z.string().default("default"),
    }),
    needsApproval: true,
    describe: ({ message, channel }) => `Send "${message}" to #${channel}`,
    execute: ({ message, channel }) => `Notification sent to #${channel}: ${message}`,
  }),
});
