import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  moduleOf,
  runDocumented,
  toolNames,
  toolsetNames,
} from "./example-support.js";

describe("examples/orchestrating_tool", { timeout: 60_000 }, () => {
  it("main sees one tool; the workers it orchestrates are not main's tools", async () => {
    const files = [
      "main.worker",
      "query_expander.worker",
      "searcher.worker",
      "synthesizer.worker",
      "tools.ts",
    ];
    const project = await loadExample("orchestrating_tool", files);
    expect(toolsetNames(project, "main")).toEqual(["research_tools"]);
    expect(toolNames(project, "research_tools")).toEqual(["deep_research"]);
    const { parseQueries } = moduleOf(project, "orchestrating_tool", "tools.ts") as {
      parseQueries: (answer: string, question: string) => string[];
    };
    expect(parseQueries('["a", "b"]', "q")).toEqual(["a", "b"]);
    expect(parseQueries('```json\n["a"]\n```', "q")).toEqual(["a"]);
    expect(parseQueries('["a", "b", "c", "d", "e"]', "q")).toEqual(["a", "b", "c", "d"]);
    expect(parseQueries("Here are some queries: a, b", "q")).toEqual(["q"]);
    expect(parseQueries("[]", "q")).toEqual(["q"]);
  });

  it("expands, searches in parallel and synthesizes, all inside one tool call", async () => {
    await using project = await copyExample("orchestrating_tool");
    const result = await runDocumented(exampleCommands.orchestratingTool, project.dir, {
      extraArguments: ["--json"],
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Both are sound choices/);
    const events = eventsOf(result);
    const starts = eventsOfType(events, "call-start").map((event) => event.path.join(" > "));
    expect(starts).toEqual([
      "main",
      "main > deep_research",
      "main > deep_research > query_expander",
      "main > deep_research > searcher",
      "main > deep_research > searcher",
      "main > deep_research > searcher",
      "main > deep_research > synthesizer",
    ]);
    expect(callStarts(events, "searcher").map((event) => event.input)).toEqual([
      { input: "Rust vs Go web service performance" },
      { input: "Rust vs Go developer productivity" },
      { input: "Rust async web frameworks maturity 2025" },
    ]);
    expect(eventsOfType(events, "approval-request")).toEqual([]);
  });
});
