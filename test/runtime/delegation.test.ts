import { describe, expect, test } from "vitest";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun, outline } from "../support/collect-run.js";

const worker = (name: string, body: string, extra = "") => `---\nname: ${name}\n${extra}---\n${body}\n`;

describe("delegation", () => {
  test("two levels deep: main > analyzer > summarizer, with the event sequence", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "You orchestrate.", "model: test:main\ntoolsets:\n  analyzer: {}\n"),
      "analyzer.worker": worker(
        "analyzer",
        "You analyze.",
        "model: test:analyzer\ntoolsets:\n  summarizer: {}\n",
      ),
      "summarizer.worker": worker("summarizer", "You summarize.", "model: test:summarizer\n"),
    });
    const main = scriptedModel([toolCall("analyzer", { input: "the report" }), text("final answer")]);
    const analyzer = scriptedModel([toolCall("summarizer", { input: "section 1" }), text("analysis")]);
    const summarizer = scriptedModel([text("summary")]);
    const { events, result, error } = await collectRun({
      files: ["main.worker", "analyzer.worker", "summarizer.worker"].map(project.path),
      input: "go",
      models: { "test:main": main, "test:analyzer": analyzer, "test:summarizer": summarizer },
      cwd: project.dir,
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("final answer");
    assertBalanced(events);
    expect(outline(events)).toMatchInlineSnapshot(`
      [
        "run-start main",
        "call-start main (worker, depth 1, test:main) {"input":"go"}",
        "model-response main step 1 (10+5)",
        "call-start main > analyzer (worker, depth 2, test:analyzer) {"input":"the report"}",
        "model-response main > analyzer step 1 (10+5)",
        "call-start main > analyzer > summarizer (worker, depth 3, test:summarizer) {"input":"section 1"}",
        "text main > analyzer > summarizer: summary",
        "model-response main > analyzer > summarizer step 1 (10+5)",
        "call-end main > analyzer > summarizer ok "summary"",
        "text main > analyzer: analysis",
        "model-response main > analyzer step 2 (10+5)",
        "call-end main > analyzer ok "analysis"",
        "text main: final answer",
        "model-response main step 2 (10+5)",
        "call-end main ok "final answer"",
        "run-end ok",
      ]
    `);
    for (const model of [main, analyzer, summarizer]) model.assertComplete();
  });

  test("a nested worker starts with a clean history: only its instructions and its input", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "Main instructions.", "model: test:main\ntoolsets:\n  helper: {}\n"),
      "helper.worker": worker("helper", "Helper instructions.", "model: test:helper\n"),
    });
    const main = scriptedModel([toolCall("helper", { input: "sub task" }), text("done")]);
    const helper = scriptedModel([text("ok")]);
    const { result } = await collectRun({
      files: ["main.worker", "helper.worker"].map(project.path),
      input: "the user's secret request",
      history: [
        { role: "user", content: "earlier turn" },
        { role: "assistant", content: "earlier answer" },
      ],
      models: { "test:main": main, "test:helper": helper },
      cwd: project.dir,
    });
    expect(result?.output).toBe("done");
    const helperPrompt = helper.calls[0]!.prompt;
    expect(helperPrompt).toEqual([
      { role: "system", content: "Helper instructions." },
      { role: "user", content: [{ type: "text", text: "sub task" }] },
    ]);
    const mainPrompt = JSON.stringify(main.calls[0]!.prompt);
    expect(mainPrompt).toContain("earlier turn");
    expect(mainPrompt).toContain("the user's secret request");
    expect(result?.messages.map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
  });

  test("the worker's description is the tool description the caller's model sees", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "Main.", "model: test:main\ntoolsets:\n  helper: {}\n"),
      "helper.worker": worker("helper", "Helper body text.", "description: Summarises documents.\n"),
    });
    const main = scriptedModel([text("done")]);
    await collectRun({
      files: ["main.worker", "helper.worker"].map(project.path),
      input: "x",
      models: { "test:main": main },
      cwd: project.dir,
    });
    const tools = main.calls[0]!.tools ?? [];
    expect(tools.map((tool) => [tool.name, "description" in tool ? tool.description : undefined])).toEqual([
      ["helper", "Summarises documents."],
    ]);
  });
});
