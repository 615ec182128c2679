import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { exampleCommands } from "./example-commands.js";
import {
  argumentsOf,
  callEnds,
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  exampleDir,
  loadExample,
  moduleOf,
  runDocumented,
  toolNames,
  toolsetNames,
} from "./example-support.js";

const files = [
  "main.worker",
  "web_research_extractor.worker",
  "web_research_consolidator.worker",
  "web_research_reporter.worker",
  "tools.ts",
];

interface SearchOptions {
  apiKey: string | undefined;
  numResults: number;
  fetch?: typeof globalThis.fetch;
}

interface Tools {
  searchWeb: (
    query: string,
    options: SearchOptions,
  ) => Promise<{ url: string; title: string; snippet: string }[]>;
  fetchPage: (
    location: string,
    options: { cwd: string; maxChars: number },
  ) => Promise<{ url: string; title: string; text: string; truncated: boolean }>;
  htmlToText: (html: string) => { title: string; text: string };
  generateSlug: (topic: string) => string;
}

async function loadTools(): Promise<Tools> {
  return moduleOf(
    await loadExample("web_research_agent", files),
    "web_research_agent",
    "tools.ts",
  ) as unknown as Tools;
}

describe("examples/web_research_agent", { timeout: 60_000 }, () => {
  it("wires three sub-workers, the filesystem and web_research_tools into main", async () => {
    const project = await loadExample("web_research_agent", files);
    expect([...project.registry.workers.keys()].sort()).toEqual([
      "main",
      "web_research_consolidator",
      "web_research_extractor",
      "web_research_reporter",
    ]);
    expect(toolsetNames(project, "main")).toEqual([
      "web_research_extractor",
      "web_research_consolidator",
      "web_research_reporter",
      "filesystem",
      "web_research_tools",
    ]);
    expect(toolsetNames(project, "web_research_extractor")).toEqual(["web_research_tools"]);
    expect(toolNames(project, "web_research_tools")).toEqual(["fetch_page", "generate_slug", "search_web"]);
  });

  it("runs three levels deep offline and writes reports/<slug>.md and .json", async () => {
    await using project = await copyExample("web_research_agent", ["reports"]);
    const result = await runDocumented(exampleCommands.webResearchAgent, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Wrote reports/community-tool-libraries.md and reports/community-tool-libraries.json.",
    );
    const markdown = await readFile(project.path("reports/community-tool-libraries.md"), "utf8");
    expect(markdown).toMatch(/^# Community tool libraries\n/);
    const json = JSON.parse(await readFile(project.path("reports/community-tool-libraries.json"), "utf8"));
    expect(json.sources).toEqual(["sources/tool-library-handbook.html", "sources/tool-library-survey.html"]);

    const events = eventsOf(
      await runDocumented(exampleCommands.webResearchAgent, project.dir, { extraArguments: ["--json"] }),
    );
    const fetches = callStarts(events, "fetch_page");
    expect(fetches.map((event) => [event.path.join(" > "), event.depth])).toEqual([
      ["main > web_research_extractor > fetch_page", 2],
      ["main > web_research_extractor > fetch_page", 2],
    ]);
    const pages = callEnds(events, "fetch_page").map(
      (event) => event.output as { title: string; text: string },
    );
    expect(pages.map((page) => page.title).sort()).toEqual([
      "Starting a Tool Library: A Handbook (sample page)",
      "Survey: How 48 Tool Libraries Run (sample page)",
    ]);
    for (const page of pages) expect(page.text).not.toMatch(/<|analytics would load/);
    expect(callStarts(events, "search_web")).toEqual([]);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.description)).toEqual([
      expect.stringMatching(/^Write \d+ chars to reports\/community-tool-libraries\.md$/),
      expect.stringMatching(/^Write \d+ chars to reports\/community-tool-libraries\.json$/),
    ]);
  });

  it("fails clearly when the model searches without SERPAPI_API_KEY", async () => {
    await using project = await copyExample("web_research_agent", ["reports"]);
    await project.write(
      "search.replay",
      [
        "- key: main/1",
        "  response:",
        "    tool_calls: [{ name: search_web, input: { query: tool libraries } }]",
      ].join("\n"),
    );
    const cliArguments = argumentsOf(exampleCommands.webResearchAgent.line).map((argument) =>
      argument === "replay:demo.replay" ? "replay:search.replay" : argument,
    );
    const result = await runCli([...cliArguments.slice(0, -1), "Tool libraries"], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Error: search_web needs a SerpAPI key: set SERPAPI_API_KEY (get one at https://serpapi.com).",
    );
  });

  it("searches SerpAPI with a key: clamps, deduplicates, and reports a rejected key", async () => {
    const { searchWeb } = await loadTools();
    const requests: URL[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      requests.push(new URL(String(input)));
      return Response.json({
        organic_results: [
          { link: "https://a.example", title: "A", snippet: "first" },
          { link: "https://a.example", title: "A again" },
          { link: "https://b.example", title: "B", snippet: "second" },
        ],
      });
    }) as typeof fetch;
    const results = await searchWeb("tool libraries", { apiKey: "k", numResults: 50, fetch: fakeFetch });
    expect(results).toEqual([
      { url: "https://a.example", title: "A", snippet: "first" },
      { url: "https://b.example", title: "B", snippet: "second" },
    ]);
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({
      engine: "google",
      q: "tool libraries",
      num: "8",
      api_key: "k",
    });
    const rejected = (async () => new Response("no", { status: 401 })) as unknown as typeof fetch;
    await expect(searchWeb("x", { apiKey: "bad", numResults: 4, fetch: rejected })).rejects.toThrow(
      "SerpAPI rejected SERPAPI_API_KEY (HTTP 401): check the key",
    );
    await expect(
      searchWeb("x", { apiKey: undefined, numResults: 4, fetch: fakeFetch }),
    ).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
  });

  it("reads saved pages inside the working directory only, as text", async () => {
    const { fetchPage, htmlToText, generateSlug } = await loadTools();
    const cwd = exampleDir("web_research_agent");
    const page = await fetchPage("sources/tool-library-handbook.html", { cwd, maxChars: 60 });
    expect(page).toEqual({
      url: "sources/tool-library-handbook.html",
      title: "Starting a Tool Library: A Handbook (sample page)",
      text: "Home | Guides | Contact Starting a Tool Library: A Handbook ",
      truncated: true,
    });
    await expect(fetchPage("../greeter/main.worker", { cwd, maxChars: 100 })).rejects.toThrow(
      "is outside the working directory",
    );
    await expect(fetchPage("file:///etc/passwd", { cwd, maxChars: 100 })).rejects.toThrow("unsupported URL");
    expect(htmlToText("<p>a &amp; b&#33;</p><style>p{}</style>")).toEqual({ title: "", text: "a & b!" });
    expect(generateSlug("Heat pumps in cold climates?")).toBe("heat-pumps-in-cold-climates");
    expect(generateSlug("x".repeat(80))).toHaveLength(60);
    expect(generateSlug("???")).toBe("report");
  });
});
