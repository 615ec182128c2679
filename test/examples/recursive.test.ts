/**
 * The recursive examples: workers that list themselves in `toolsets:`, bounded by the depth
 * limit and budgets (not only by the model's good behaviour).
 */
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  callStarts,
  copyExample,
  eventsOf,
  loadExample,
  runDocumented,
  toolsetNames,
} from "./example-support.js";

describe("examples/recursive_summarizer", { timeout: 60_000 }, () => {
  it("summarizer lists itself; the project file names the files, the input and the depth limit", async () => {
    const project = await loadExample("recursive_summarizer", ["main.worker", "summarizer.worker"]);
    expect(toolsetNames(project, "main")).toEqual(["filesystem_project_read_only", "summarizer"]);
    expect(toolsetNames(project, "summarizer")).toEqual(["filesystem_project_read_only", "summarizer"]);
    expect(project.registry.workers.get("summarizer")!.budget).toEqual({ max_calls: 20 });
  });

  it("splits the file once and summarizes both halves at depth 3", async () => {
    await using project = await copyExample("recursive_summarizer");
    const result = await runDocumented(exampleCommands.recursiveSummarizer, project.dir, {
      extraArguments: ["--json"],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Lighthouses grew from open fires .* as backups and landmarks\.\n$/);

    const events = eventsOf(result);
    expect(callStarts(events, "summarizer").map((event) => [event.depth, event.input])).toEqual([
      [2, { path: "sample_input.txt", start: 0, end: 1184 }],
      [3, { path: "sample_input.txt", start: 0, end: 868 }],
      [3, { path: "sample_input.txt", start: 868, end: 1184 }],
    ]);
  });

  it("a lower depth limit stops the recursion with the call path", async () => {
    await using project = await copyExample("recursive_summarizer");
    const result = await runDocumented(exampleCommands.recursiveSummarizerDepthLimit, project.dir);
    expect(result.code).toBe(exampleCommands.recursiveSummarizerDepthLimit.exitCode);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "Error: Depth limit of 2 exceeded calling worker 'summarizer' (call path: main > summarizer > summarizer); raise it with --max-depth\n",
    );
  });

  it("a budget stops it too", async () => {
    await using project = await copyExample("recursive_summarizer");
    const result = await runDocumented(exampleCommands.recursiveSummarizer, project.dir, {
      extraArguments: ["--max-calls", "4"],
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Error: Budget exceeded: max_calls 4 for the run \(--max-calls\) would be crossed by main > summarizer > summarizer/,
    );
  });
});

describe("examples/recursive_task_decomposer", { timeout: 60_000 }, () => {
  it("planner takes an object input and lists itself", async () => {
    const project = await loadExample("recursive_task_decomposer", ["planner.worker"]);
    expect(toolsetNames(project, "planner")).toEqual(["planner"]);
    expect(project.registry.workers.get("planner")!.schemaIn).toMatchObject({
      type: "json-schema",
      schema: { required: ["task", "remaining_depth"] },
    });
  });

  it("expands two subtasks in parallel and merges them into a four-line plan", async () => {
    await using project = await copyExample("recursive_task_decomposer");
    const result = await runDocumented(exampleCommands.recursiveTaskDecomposer, project.dir, {
      extraArguments: ["--json"],
    });
    expect(result.code).toBe(0);
    expect(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => line.split(":")[0]),
    ).toEqual(["Summary", "Plan", "Dependencies", "Risks"]);
    const events = eventsOf(result);
    expect(
      callStarts(events, "planner").map((event) => [
        event.depth,
        (event.input as { remaining_depth: number }).remaining_depth,
      ]),
    ).toEqual([
      [1, 1],
      [2, 0],
      [2, 0],
    ]);
  });

  it("checks --input-json against planner's schema_in before any model call", async () => {
    await using project = await copyExample("recursive_task_decomposer");
    const result = await runDocumented(
      {
        ...exampleCommands.recursiveTaskDecomposer,
        line: 'npx llm-do --model replay:demo.replay --input-json \'{"task": "x"}\'',
      },
      project.dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "Error: Invalid input for planner: remaining_depth: expected number, received undefined\n",
    );
  });

  it("a run budget stops the recursion", async () => {
    await using project = await copyExample("recursive_task_decomposer");
    const result = await runDocumented(exampleCommands.recursiveTaskDecomposerBudget, project.dir);
    expect(result.code).toBe(exampleCommands.recursiveTaskDecomposerBudget.exitCode);
    expect(result.stderr).toMatch(
      /^Error: Budget exceeded: max_calls 2 for the run \(--max-calls\) would be crossed by planner > planner \(step 1\)/,
    );
  });
});
