/**
 * data_report and data_report_stabilized: the same orchestrator and the same call,
 * analyze_dataset({ path }), first answered by a model, then by code plus a narrative worker.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type ExampleCommand, exampleCommands } from "./example-commands.js";
import {
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  exampleDir,
  loadExample,
  moduleOf,
  runDocumented,
  toolsetNames,
} from "./example-support.js";

const csv = "input/monthly_metrics.csv";
const report = "reports/monthly_metrics.md";

async function runExample(command: ExampleCommand) {
  await using project = await copyExample(command.example, ["reports"]);
  const result = await runDocumented(command, project.dir, { extraArguments: ["--json"] });
  return { result, events: eventsOf(result), report: await readFile(project.path(report), "utf8") };
}

describe("examples/data_report", { timeout: 60_000 }, () => {
  it("main delegates to the analyze_dataset worker, which reads the CSV itself", async () => {
    const project = await loadExample("data_report", ["main.worker", "analyze_dataset.worker"]);
    expect(toolsetNames(project, "main")).toEqual(["analyze_dataset", "filesystem_project"]);
    expect(toolsetNames(project, "analyze_dataset")).toEqual(["filesystem_project_read_only"]);
  });

  it("writes the model's report after approval", async () => {
    const { result, events, report: written } = await runExample(exampleCommands.dataReport);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${csv}: report in ${report}\n`);
    expect(written).toMatch(/^# Analysis: monthly_metrics\n[\s\S]*\| visitors \| 13853\.33 \|/);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.toolName)).toEqual([
      "write_file",
    ]);
    expect(callStarts(events, "analyze_dataset").map((event) => event.input)).toEqual([{ path: csv }]);
  });
});

describe("examples/data_report_stabilized", { timeout: 60_000 }, () => {
  it("analyze_dataset is a tool now; its arithmetic is code, checked here", async () => {
    const project = await loadExample("data_report_stabilized", [
      "main.worker",
      "write_narrative.worker",
      "tools.ts",
    ]);
    expect(toolsetNames(project, "main")).toEqual(["report_tools", "filesystem_project"]);
    const tools = moduleOf(project, "data_report_stabilized", "tools.ts") as {
      parseCsv: (text: string) => Record<string, string>[];
      columnStats: (values: number[]) => unknown;
      trendOf: (values: number[]) => unknown;
    };
    expect(tools.parseCsv("a,b\n1,x\n2,y\n")).toEqual([
      { a: "1", b: "x" },
      { a: "2", b: "y" },
    ]);
    expect(tools.columnStats([3, 1, 4, 1])).toEqual({ mean: 2.25, median: 2, min: 1, max: 4 });
    expect(tools.trendOf([10, 10, 12, 12])).toEqual({ direction: "rising", changePercent: 20 });
    expect(tools.trendOf([10, 10, 10.2, 10.2])).toEqual({ direction: "flat", changePercent: 2 });
    expect(tools.trendOf([0.44, 0.41, 0.38, 0.4, 0.34, 0.35])).toEqual({
      direction: "falling",
      changePercent: -11.4,
    });
  });

  it("computes the statistics in code and asks a model only for the narrative", async () => {
    const { result, events, report: written } = await runExample(exampleCommands.dataReportStabilized);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${csv}: report in ${report}\n`);
    expect(written).toContain("| visitors | 13853.33 | 13760 | 11800 | 15900 |");
    expect(written).toContain("- **bounce_rate**: falling (-11.4%)");
    const narrativeCalls = callStarts(events, "write_narrative");
    expect(narrativeCalls.map((event) => event.path)).toEqual([
      ["main", "analyze_dataset", "write_narrative"],
    ]);
    expect((narrativeCalls[0]!.input as { input: string }).input).toContain('"mean": 13853.33');
    expect(callStarts(events, "read_file")).toEqual([]);
    expect(callStarts(events, "analyze_dataset").map((event) => event.input)).toEqual([{ path: csv }]);
  });

  it("keeps the orchestrator of data_report (both runs above make the same call)", async () => {
    const read = (example: string) => readFile(path.join(exampleDir(example), "main.worker"), "utf8");
    const before = (await read("data_report")).replace("analyze_dataset, filesystem_project", "X");
    const after = (await read("data_report_stabilized")).replace("report_tools, filesystem_project", "X");
    expect(after).toBe(before);
  });
});
