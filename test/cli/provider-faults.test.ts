/**
 * Provider faults and limits through the real command (`bin/llm-do.js`): a broken response is
 * retried and shown, a stall is cut off by the timeout given by flag or by `--set`, a
 * `retry-after` over the retry budget fails at once saying so, the step limit is an error (exit
 * 1, one line, no interim text on stdout), and `--max-depth` has an upper bound.
 */
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { anthropicText, bodyExchange, paths } from "../support/broken-responses.js";
import { startFakeAnthropicServer, textResponse, toolUseResponse } from "../support/fake-anthropic-server.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { runCli } from "./run-cli.js";

const model = "anthropic:claude-haiku-4-5";
const mainWorker = (extra = "") => `---\nname: main\nmodel: ${model}\n${extra}---\nAnswer.\n`;
const env = (baseUrl: string) => ({ ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: "test" });

describe("broken responses and stalls", () => {
  test("a stream without message_stop is retried and shown (-v); the answer is the retry's", async () => {
    await using server = await startFixtureServer([
      bodyExchange(paths.anthropic, anthropicText("half an ans", { complete: false })),
      bodyExchange(paths.anthropic, anthropicText("The whole answer.")),
    ]);
    await using project = await tempProject({ "main.worker": mainWorker() });
    const result = await runCli(["main.worker", "hi", "-v"], {
      cwd: project.dir,
      env: env(`${server.url}/v1`),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("The whole answer.\n");
    expect(result.stderr).toMatch(
      /\[main\] Retrying anthropic:claude-haiku-4-5 in [\d.]+m?s \(the response stream ended without message_stop; attempt 1 of 5 failed\)/,
    );
    expect(server.requests).toHaveLength(2);
  });

  test.each([
    ["--idle-timeout 0.5", ["--idle-timeout", "0.5"]],
    ["--set idle_timeout=0.5", ["--set", "idle_timeout=0.5"]],
  ])("a stalled stream is cut off by %s and retried", async (_name, args) => {
    await using server = await startFakeAnthropicServer([
      { type: "hold", text: "Thinking" },
      textResponse("ok"),
    ]);
    await using project = await tempProject({ "main.worker": mainWorker() });
    // Without the timeout the held stream never ends, and neither would the run.
    const result = await runCli(["main.worker", "hi", "-v", ...args], {
      cwd: project.dir,
      env: env(server.baseUrl),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("ok\n");
    expect(result.stderr).toContain(
      "(the response stalled: no data for 0.5 s, the idle_timeout; attempt 1 of 5 failed)",
    );
    expect(server.disconnects).toBe(1);
  });

  test("a retry-after over the retry budget fails at once, saying so, in one line", async () => {
    await using server = await startFakeAnthropicServer([
      {
        type: "http-error",
        status: 429,
        headers: { "retry-after": "600" },
        body: { type: "error", error: { type: "rate_limit_error", message: "Rate limited" } },
      },
    ]);
    await using project = await tempProject({ "main.worker": mainWorker() });
    const result = await runCli(["main.worker", "hi"], { cwd: project.dir, env: env(server.baseUrl) });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: Model API error from ${model} (status 429): Rate limited (the provider asked to wait 600 s, more than the retry budget of 120 s)\n`,
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe("limits", () => {
  const tools = `import { tool, toolset } from "llm-do";
import { z } from "zod";

export const busy = toolset({
  noop: tool({ description: "Does nothing.", inputSchema: z.object({}), execute: () => "done" }),
});
`;
  const looping = () => startFakeAnthropicServer(() => toolUseResponse("noop", {}, "Still working on it."));

  test.each([
    ["--max-steps 2", mainWorker("toolsets:\n  busy: {}\n"), ["--max-steps", "2"]],
    ["max_steps: 2 in the front matter", mainWorker("toolsets:\n  busy: {}\nmax_steps: 2\n"), []],
    ["--set max_steps=2", mainWorker("toolsets:\n  busy: {}\n"), ["--set", "max_steps=2"]],
  ])("the step limit (%s) is an error, not the interim text", async (_name, workerFile, args) => {
    await using server = await looping();
    await using project = await tempProject({ "main.worker": workerFile, "tools.ts": tools });
    const result = await runCli(["main.worker", "tools.ts", "hi", ...args], {
      cwd: project.dir,
      env: env(server.baseUrl),
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: Worker 'main' reached its step limit of 2 model requests while still calling tools, so it has no final answer (call path: main); raise it with max_steps in the worker's front matter or --max-steps\n",
    });
    expect(server.requests).toHaveLength(2);
  });

  test("--json: the step limit is the STEP_LIMIT error record, exit 1", async () => {
    await using server = await looping();
    await using project = await tempProject({
      "main.worker": mainWorker("toolsets:\n  busy: {}\nmax_steps: 1\n"),
      "tools.ts": tools,
    });
    const result = await runCli(["main.worker", "tools.ts", "hi", "--json"], {
      cwd: project.dir,
      env: env(server.baseUrl),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const records = result.stderr
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as {
            type: string;
            outcome?: string;
            error?: { code?: string };
            exitCode?: number;
          },
      );
    expect(records.at(-2)).toMatchObject({
      type: "run-end",
      outcome: "error",
      error: { code: "STEP_LIMIT" },
    });
    expect(records.at(-1)).toMatchObject({ type: "error", error: { code: "STEP_LIMIT" }, exitCode: 1 });
  });

  test("--max-depth above the bound is a usage error", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n",
    });
    const result = await runCli(["main.worker", "hi", "--max-depth", "3000"], { cwd: project.dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "Error: option '--max-depth <n>' argument '3000' is invalid. the deepest nesting allowed is 50 (see llm-do --help)\n",
    });
  });
});
