import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { exampleCommands } from "./example-commands.js";
import {
  callEnds,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  moduleOf,
  runDocumented,
  toolNames,
  toolsetNames,
} from "./example-support.js";

describe("examples/calculator", { timeout: 60_000 }, () => {
  it("exports calc_tools with four tools, used by main", async () => {
    const project = await loadExample("calculator", ["main.worker", "tools.ts"]);
    expect(toolNames(project, "calc_tools")).toEqual(["add", "factorial", "fibonacci", "multiply"]);
    expect(toolsetNames(project, "main")).toEqual(["calc_tools"]);
    const { factorial, fibonacci } = moduleOf(project, "calculator", "tools.ts") as {
      factorial: (n: number) => number;
      fibonacci: (n: number) => number;
    };
    expect([0, 1, 5, 10].map(factorial)).toEqual([1, 1, 120, 3628800]);
    expect([0, 1, 2, 12].map(fibonacci)).toEqual([0, 1, 1, 144]);
    expect(() => factorial(-1)).toThrow("factorial is not defined for negative numbers (got -1)");
  });

  it("runs its tools offline, without asking for approval", async () => {
    await using project = await copyExample("calculator");
    const result = await runDocumented(exampleCommands.calculator, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("10! + fibonacci(12) = 3,628,944");

    const events = eventsOf(
      await runDocumented(exampleCommands.calculator, project.dir, { extraArguments: ["--json"] }),
    );
    expect(callEnds(events, "factorial").map((event) => event.output)).toEqual([3628800]);
    expect(callEnds(events, "fibonacci").map((event) => event.output)).toEqual([144]);
    expect(callEnds(events, "add").map((event) => event.output)).toEqual([3628944]);
    expect(eventsOfType(events, "approval-request")).toEqual([]);
  });

  it("returns a negative input to the model as an error it can read", async () => {
    await using project = await copyExample("calculator");
    await project.write(
      "negative.replay",
      [
        "- key: main/1",
        "  response:",
        "    tool_calls: [{ name: factorial, input: { n: -3 } }]",
        "- key: main/2",
        "  response: { text: Factorials of negative numbers are not defined. }",
      ].join("\n"),
    );
    const result = await runCli(
      ["main.worker", "tools.ts", "--model", "replay:negative.replay", "--json", "What is -3 factorial?"],
      { cwd: project.dir },
    );
    expect(result.code).toBe(0);
    const [end] = callEnds(eventsOf(result), "factorial");
    expect(end?.outcome).toBe("error");
    expect(end?.error?.message).toContain("factorial is not defined for negative numbers (got -3)");
  });
});
