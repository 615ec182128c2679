import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { exampleCommands } from "./example-commands.js";
import {
  argumentsOf,
  callEnds,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  moduleOf,
  runDocumented,
  toolNames,
} from "./example-support.js";

describe("examples/data_processor", { timeout: 60_000 }, () => {
  it("pre-approves two of the three data_tools in main, and only there", async () => {
    const project = await loadExample("data_processor", ["main.worker", "tools.ts"]);
    expect(toolNames(project, "data_tools")).toEqual([
      "calculate_stats",
      "format_output",
      "send_notification",
    ]);
    const tools = project.registry.toolsets.get("data_tools")!.toolset.tools;
    expect(Object.values(tools).map((tool) => tool.needsApproval)).toEqual([true, true, true]);
    expect(project.registry.workers.get("main")!.toolsets[0]!.approvalConfig).toEqual({
      format_output: { pre_approved: true },
      calculate_stats: { pre_approved: true },
    });
  });

  it("formats and computes with plain functions", async () => {
    const project = await loadExample("data_processor", ["main.worker", "tools.ts"]);
    const { formatOutput, calculateStats } = moduleOf(project, "data_processor", "tools.ts") as {
      formatOutput: (data: string, format: "csv" | "json") => string;
      calculateStats: (numbers: string) => string;
    };
    expect(formatOutput("a\tb\n1\t2\n", "csv")).toBe("a,b\n1,2");
    expect(formatOutput("a\tb\n1\t2\n", "json")).toBe('["a\\tb","1\\t2"]');
    expect(calculateStats("120, 95.5, 143, 88")).toBe("count=4, sum=446.5, avg=111.63");
    expect(() => calculateStats(" , ")).toThrow("no numbers given");
    expect(() => calculateStats("1, x")).toThrow("not a number: 'x'");
  });

  it("runs calculate_stats unasked and asks before send_notification", async () => {
    await using project = await copyExample("data_processor");
    const result = await runDocumented(exampleCommands.dataProcessor, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Weekly sales: count=4, sum=446.5, avg=111.63.");

    const events = eventsOf(
      await runDocumented(exampleCommands.dataProcessor, project.dir, { extraArguments: ["--json"] }),
    );
    expect(callEnds(events, "calculate_stats").map((event) => event.output)).toEqual([
      "count=4, sum=446.5, avg=111.63",
    ]);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.description)).toEqual([
      'Send "Weekly sales: count=4, sum=446.5, avg=111.63" to #sales',
    ]);
    expect(callEnds(events, "send_notification").map((event) => event.output)).toEqual([
      "Notification sent to #sales: Weekly sales: count=4, sum=446.5, avg=111.63",
    ]);
  });

  it("stops at send_notification in a headless run without --approve-all", async () => {
    await using project = await copyExample("data_processor");
    const cliArguments = argumentsOf(exampleCommands.dataProcessor.line).filter(
      (argument) => argument !== "--approve-all",
    );
    const result = await runCli([...cliArguments, "--json"], { cwd: project.dir });
    expect(result.code).toBe(1);
    const events = eventsOf(result);
    expect(callEnds(events, "calculate_stats").map((event) => event.outcome)).toEqual(["ok"]);
    expect(callEnds(events, "send_notification").map((event) => event.outcome)).toEqual(["denied"]);
    expect(result.stderr).toContain(
      "Approval denied for send_notification: use --approve-all to allow it in headless mode",
    );
  });
});
