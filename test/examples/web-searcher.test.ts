import { describe, expect, it } from "vitest";
import { createServerSideTools } from "../../src/models/server-side-tools.js";
import { exampleCommands } from "./example-commands.js";
import { copyExample, eventsOf, eventsOfType, loadExample, runDocumented } from "./example-support.js";

describe("examples/web_searcher", { timeout: 60_000 }, () => {
  it("asks for the provider's web search, and builds it for its Anthropic model", async () => {
    const project = await loadExample("web_searcher", ["main.worker"]);
    const main = project.registry.workers.get("main")!;
    expect(main.model).toBe("anthropic:claude-sonnet-4-5");
    expect(main.toolsets).toEqual([]);
    expect(main.serverSideTools).toEqual([{ tool_type: "web_search", max_uses: 3 }]);
    const tools = await createServerSideTools(main, "anthropic", main.model!);
    expect(Object.keys(tools)).toEqual(["web_search"]);
    expect(tools.web_search).toMatchObject({ type: "provider", id: "anthropic.web_search_20250305" });
  });

  it("runs offline with the web_search tool offered to the model, and says no search was made", async () => {
    await using project = await copyExample("web_searcher");
    const result = await runDocumented(exampleCommands.webSearcher, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "(Offline demo: this answer is scripted in demo.replay; no search was made.)",
    );

    // demo.replay checks `request.tools: [web_search]`; drift would fail the run.
    const events = eventsOf(
      await runDocumented(exampleCommands.webSearcher, project.dir, { extraArguments: ["--json"] }),
    );
    expect(eventsOfType(events, "model-response").map((event) => event.model)).toEqual([
      "anthropic:claude-sonnet-4-5",
    ]);
    expect(eventsOfType(events, "server-tool-call")).toEqual([]);
  });

  it("fails on replay if the worker stops offering web_search", async () => {
    await using project = await copyExample("web_searcher");
    const worker = await project.write(
      "main.worker",
      "---\nname: main\nmodel: anthropic:claude-sonnet-4-5\n---\nResearch without tools.\n",
    );
    expect(worker).toContain("main.worker");
    const result = await runDocumented(exampleCommands.webSearcher, project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the tools changed: removed web_search");
  });
});
