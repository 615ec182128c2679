// The stabilized analyze_dataset: reading the CSV, the statistics and the trends are code now;
// only the narrative is left to a model (the write_narrative worker). The call site is the
// same as in examples/data_report: main calls analyze_dataset({ path }).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

/** Mean, median, minimum and maximum of one column, rounded to 2 decimals. */
export interface ColumnStats {
  mean: number;
  median: number;
  min: number;
  max: number;
}

/** Second half of the rows against the first: the change in percent, and its direction. */
export interface Trend {
  direction: "rising" | "falling" | "flat";
  changePercent: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The rows of a simple CSV (a header line, commas, no quoted fields) as records. */
export function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = (header ?? "").split(",").map((column) => column.trim());
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => Object.fromEntries(line.split(",").map((cell, index) => [columns[index], cell.trim()])));
}

/** The values of every column whose cells are all numbers. */
export function numericColumns(rows: Record<string, string>[]): Record<string, number[]> {
  const columns: Record<string, number[]> = {};
  for (const name of Object.keys(rows[0] ?? {})) {
    const values = rows.map((row) => Number(row[name]));
    if (values.every((value) => Number.isFinite(value))) columns[name] = values;
  }
  return columns;
}

/** Statistics per numeric column. */
export function columnStats(values: number[]): ColumnStats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 0 ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[middle]!;
  return { mean: round(mean(values)), median: round(median), min: sorted[0]!, max: sorted.at(-1)! };
}

/** Rising or falling when the second half's mean is more than 5% away from the first's. */
export function trendOf(values: number[]): Trend {
  const half = Math.floor(values.length / 2);
  const first = mean(values.slice(0, half));
  const second = mean(values.slice(half));
  const changePercent = round(((second - first) / first) * 100, 1);
  const direction = changePercent > 5 ? "rising" : changePercent < -5 ? "falling" : "flat";
  return { direction, changePercent };
}

function statsTable(stats: Record<string, ColumnStats>): string {
  const rows = Object.entries(stats).map(
    ([name, { mean, median, min, max }]) => `| ${name} | ${mean} | ${median} | ${min} | ${max} |`,
  );
  return ["| Column | Mean | Median | Min | Max |", "|---|---|---|---|---|", ...rows].join("\n");
}

function trendList(trends: Record<string, Trend>): string {
  return Object.entries(trends)
    .map(([name, { direction, changePercent }]) => {
      const sign = changePercent > 0 ? "+" : "";
      return `- **${name}**: ${direction} (${sign}${changePercent}%)`;
    })
    .join("\n");
}

export const report_tools = toolset({
  analyze_dataset: tool({
    description:
      "Analyze a CSV dataset: statistics and trends computed exactly, with a written interpretation.",
    inputSchema: z.object({ path: z.string().describe("The CSV file, relative to the working directory.") }),
    execute: async ({ path: file }, ctx) => {
      const absolute = path.resolve(ctx.cwd, file);
      const relative = path.relative(ctx.cwd, absolute);
      if (relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new Error(`${file} is outside the working directory`);
      }
      const rows = parseCsv(await readFile(absolute, "utf8"));
      const columns = numericColumns(rows);
      const stats = Object.fromEntries(
        Object.entries(columns).map(([name, values]) => [name, columnStats(values)]),
      );
      const trends = Object.fromEntries(
        Object.entries(columns).map(([name, values]) => [name, trendOf(values)]),
      );
      // The one part that needs judgement goes to a model.
      const narrative = await ctx.call<string>("write_narrative", {
        input: [
          `Dataset: ${file} (${rows.length} rows)`,
          `Statistics (mean, median, min, max):\n${JSON.stringify(stats, null, 2)}`,
          `Trends (second half against first):\n${JSON.stringify(trends, null, 2)}`,
        ].join("\n\n"),
      });
      const name = path.basename(file, path.extname(file));
      return [
        `# Analysis: ${name}`,
        `## Statistics\n\n${statsTable(stats)}`,
        `## Trends\n\n${trendList(trends)}`,
        `## Narrative\n\n${narrative.trim()}`,
      ].join("\n\n");
    },
  }),
});
