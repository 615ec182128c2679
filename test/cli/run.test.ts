import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { startFakeAnthropicServer, textResponse, toolUseResponse } from "../support/fake-anthropic-server.js";
import { runCli } from "./run-cli.js";

const worker = (name: string, body: string, extra = "") => `---\nname: ${name}\n${extra}---\n${body}\n`;
const anthropicEnv = (baseUrl: string) => ({ ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: "test" });

const TOOLS_TS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const calc = toolset({
  add: tool({
    description: "Add two numbers.",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => ({ sum: a + b, parts: [a, b] }),
  }),
});

export const pipeline = toolset({
  summarize_all: tool({
    description: "Code entry: asks the summarizer about each comma-separated item.",
    inputSchema: z.object({ input: z.string() }),
    execute: async ({ input }, ctx) => {
      const results = [];
      for (const item of input.split(",")) results.push(await ctx.call("summarizer", item.trim()));
      return { results, count: results.length };
    },
  }),
});
`;

describe("llm-do runs", () => {
  test("a plain answer: the text on stdout, nothing on stderr, exit 0", async () => {
    await using server = await startFakeAnthropicServer([textResponse("Hello from the model.")]);
    await using project = await tempProject({
      "main.worker": worker("main", "Be brief.", "model: anthropic:claude-haiku-4-5\n"),
    });
    const result = await runCli(["main.worker", "Say", "hello"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({ code: 0, stdout: "Hello from the model.\n", stderr: "" });
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]!.body;
    expect(body.model).toBe("claude-haiku-4-5");
    expect(body.stream).toBe(true);
    expect(JSON.stringify(body.messages)).toContain("Say hello");
    expect(JSON.stringify(body.system)).toContain("Be brief.");
  });

  test("delegation: the entry worker calls another worker, whose answer goes back to it", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("analyzer", { input: "look at this" }),
      textResponse("analysis: fine"),
      textResponse("The analyzer says it is fine."),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Delegate.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  analyzer: {}\n",
      ),
      "analyzer.worker": worker("analyzer", "Analyze.", "model: anthropic:claude-sonnet-4-5\n"),
    });
    const result = await runCli(["main.worker", "analyzer.worker", "check it"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("The analyzer says it is fine.\n");
    expect(server.requests.map((request) => request.body.model)).toEqual([
      "claude-haiku-4-5",
      "claude-sonnet-4-5",
      "claude-haiku-4-5",
    ]);
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain("look at this");
    expect(JSON.stringify(server.requests[2]!.body.messages)).toContain("analysis: fine");
  });

  test("a tool file's tool: the model calls it and reads its object result", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("add", { a: 2, b: 3 }),
      textResponse("The sum is 5."),
    ]);
    await using project = await tempProject({
      "tools.ts": TOOLS_TS,
      "main.worker": worker(
        "main",
        "Use the tools.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  calc: {}\n",
      ),
    });
    const result = await runCli(["main.worker", "tools.ts", "add 2 and 3"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({ code: 0, stdout: "The sum is 5.\n", stderr: "" });
    const tools = server.requests[0]!.body.tools as Array<{ name: string }>;
    expect(tools.map((tool) => tool.name)).toEqual(["add"]);
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain('\\"sum\\":5');
  });

  test("a code entry chosen with --entry: its object result is printed as JSON", async () => {
    await using project = await tempProject({
      "tools.ts": TOOLS_TS,
      "summarizer.worker": worker("summarizer", "Summarize.", "model: builtin:echo\n"),
    });
    const result = await runCli(["tools.ts", "summarizer.worker", "--entry", "summarize_all", "a, b"], {
      cwd: project.dir,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ results: ["Echo: a", "Echo: b"], count: 2 });
  });

  test("the prompt is read from stdin when no prompt words are given", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "Echo.", "model: builtin:echo\n"),
    });
    const result = await runCli(["main.worker"], { cwd: project.dir, stdin: "  from stdin\nline two\n\n" });
    expect(result).toEqual({ code: 0, stdout: "Echo: from stdin\nline two\n", stderr: "" });
  });

  test("-v shows calls, tool calls with arguments, results, approvals and usage on stderr", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("analyzer", { input: "look at this" }),
      toolUseResponse("write_file", { path: "notes.txt", content: "hello" }),
      textResponse("wrote it"),
      textResponse("All done."),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Delegate.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  analyzer: {}\n",
      ),
      "analyzer.worker": worker("analyzer", "Write.", "toolsets:\n  filesystem: {}\n"),
    });
    const result = await runCli(["main.worker", "analyzer.worker", "go", "-v", "--approve-all"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("All done.\n");
    expect(await readFile(project.path("notes.txt"), "utf8")).toBe("hello");
    const stderr = result.stderr.replace(/\d+(\.\d)?m?s\b/g, "<time>");
    expect(stderr).toMatchInlineSnapshot(`
      "[main] Start (anthropic:claude-haiku-4-5)
        Input: go
      [main] Worker call: analyzer (anthropic:claude-haiku-4-5)
        Input: look at this
      [main > analyzer] Tool call: write_file
        Args: {"path":"notes.txt","content":"hello"}
      [main > analyzer] Approval required: write_file
        Write 5 chars to notes.txt
      [main > analyzer] Approved: write_file (by policy)
      [main > analyzer] Tool result: write_file
        Written 5 characters to notes.txt
      [main > analyzer] Response:
        wrote it
      [main > analyzer] Complete (2 requests, 20 input + 10 output tokens, <time>)
      [main] Response:
        All done.
      [main] Complete (4 requests, 40 input + 20 output tokens, <time>)
      Usage: 4 requests, 40 input + 20 output tokens, ~$0.0001 in <time>
      "
    `);
  });

  test("-vv streams the text as it arrives, labelled with the call path", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("analyzer", { input: "x" }),
      textResponse("nested words here"),
      textResponse("top level answer"),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Delegate.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  analyzer: {}\n",
      ),
      "analyzer.worker": worker("analyzer", "Analyze."),
    });
    const result = await runCli(["main.worker", "analyzer.worker", "go", "-vv"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("top level answer\n");
    expect(result.stderr).toContain("[main > analyzer] nested words here\n");
    expect(result.stderr).toContain("[main] top level answer\n");
    expect(result.stderr).toMatch(/\[main\] Model response 1 \(anthropic:claude-haiku-4-5, tool-calls\)/);
    expect(result.stderr).not.toContain("Response:");
  });
});
