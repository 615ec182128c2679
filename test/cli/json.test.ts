import { describe, expect, test } from "vitest";
import { EVENT_SCHEMA_VERSION } from "../../src/index.js";
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
    execute: ({ a, b }) => ({ sum: a + b, detail: { parts: [a, b] } }),
  }),
});

export const odd = toolset({
  odd_values: tool({
    description: "Returns values JSON cannot hold.",
    inputSchema: z.object({ input: z.string() }),
    execute: () => {
      const value: Record<string, unknown> = {
        big: 12345678901234567890n,
        fn: function helper() {},
        nan: Number.NaN,
        when: new Date(0),
        missing: undefined,
        nested: { list: [1, undefined, "two"] },
      };
      value.self = value;
      return value;
    },
  }),
});
`;

type JsonRecord = Record<string, unknown> & { type: string };

/** Every stderr line parsed as JSON (a line that is not JSON fails the test). */
function records(stderr: string): JsonRecord[] {
  expect(stderr.endsWith("\n")).toBe(true);
  return stderr
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as JsonRecord);
}

describe("--json", () => {
  test("every stderr line is a JSON record: a versioned header, then the events; the result on stdout", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("add", { a: 2, b: 3 }),
      textResponse("The sum is 5."),
    ]);
    await using project = await tempProject({
      "tools.ts": TOOLS_TS,
      "main.worker": worker("main", "Add.", "model: anthropic:claude-haiku-4-5\ntoolsets:\n  calc: {}\n"),
    });
    const result = await runCli(["main.worker", "tools.ts", "add 2 and 3", "--json"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("The sum is 5.\n");
    const lines = records(result.stderr);
    expect(lines[0]).toEqual({
      type: "llm-do",
      version: EVENT_SCHEMA_VERSION,
      llmDoVersion: expect.any(String),
    });
    const types = lines.map((line) => line.type);
    expect(types.slice(0, 3)).toEqual(["llm-do", "run-start", "call-start"]);
    expect(types.at(-1)).toBe("run-end");
    expect(new Set(types)).toEqual(
      new Set([
        "llm-do",
        "run-start",
        "call-start",
        "model-response",
        "call-end",
        "text-delta",
        "text-end",
        "run-end",
      ]),
    );
    const toolEnd = lines.find((line) => line.type === "call-end" && line.name === "add");
    expect(toolEnd).toMatchObject({
      kind: "tool",
      path: ["main", "add"],
      outcome: "ok",
      output: { sum: 5, detail: { parts: [2, 3] } },
    });
    expect(lines.at(-1)).toMatchObject({ type: "run-end", outcome: "ok", output: "The sum is 5." });
  });

  test("values JSON cannot hold are converted; objects stay objects", async () => {
    await using project = await tempProject({ "tools.ts": TOOLS_TS });
    const result = await runCli(["tools.ts", "--entry", "odd_values", "go", "--json"], { cwd: project.dir });
    expect(result.code).toBe(0);
    const expected = {
      big: "12345678901234567890",
      fn: "[Function helper]",
      nan: "NaN",
      when: "1970-01-01T00:00:00.000Z",
      nested: { list: [1, null, "two"] },
      self: "[Circular]",
    };
    const end = records(result.stderr).find((line) => line.type === "call-end");
    expect(end?.output).toEqual(expected);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  test("a failed run ends with run-end and an error record; nothing but JSON on stderr", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("write_file", { path: "out.txt", content: "data" }),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Write.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  filesystem: {}\n",
      ),
    });
    const result = await runCli(["main.worker", "write", "--json"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = records(result.stderr);
    const message = "Approval denied for write_file: use --approve-all to allow it in headless mode";
    expect(lines.filter((line) => line.type.startsWith("approval-"))).toMatchObject([
      { type: "approval-request", request: { toolName: "write_file", callPath: ["main", "write_file"] } },
      {
        type: "approval-response",
        toolName: "write_file",
        decision: { type: "denied" },
        decidedBy: "policy",
      },
    ]);
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({ type: "run-end", outcome: "error" }),
      {
        type: "error",
        error: { name: "ApprovalDeniedError", code: "APPROVAL_DENIED", message },
        exitCode: 1,
      },
    ]);
  });

  test("a usage error is a header and an error record", async () => {
    await using project = await tempProject();
    const result = await runCli(["missing.worker", "hi", "--json"], { cwd: project.dir });
    expect(result.code).toBe(2);
    expect(records(result.stderr)).toEqual([
      { type: "llm-do", version: EVENT_SCHEMA_VERSION, llmDoVersion: expect.any(String) },
      {
        type: "error",
        error: { name: "UsageError", code: "USAGE", message: "File not found: missing.worker" },
        exitCode: 2,
      },
    ]);
  });

  test("a model API error record carries the HTTP status", async () => {
    await using server = await startFakeAnthropicServer(() => ({
      type: "http-error",
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "max_tokens: too large" } },
    }));
    await using project = await tempProject({
      "main.worker": worker("main", "Answer.", "model: anthropic:claude-haiku-4-5\n"),
    });
    const result = await runCli(["main.worker", "hi", "--json"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(1);
    expect(records(result.stderr).at(-1)).toEqual({
      type: "error",
      error: {
        name: "ModelCallError",
        code: "MODEL_CALL",
        message: "Model API error from anthropic:claude-haiku-4-5 (status 400): max_tokens: too large",
        status: 400,
      },
      exitCode: 1,
    });
  });

  test("provider warnings are warning records (once each), not Node warnings", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("add", { a: 1, b: 1 }),
      textResponse("2"),
    ]);
    await using project = await tempProject({
      "tools.ts": TOOLS_TS,
      "main.worker": worker("main", "Add.", "model: anthropic:claude-unknown-9\ntoolsets:\n  calc: {}\n"),
    });
    const result = await runCli(["main.worker", "tools.ts", "1+1", "--json"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(0);
    const warnings = records(result.stderr).filter((line) => line.type === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      model: "claude-unknown-9",
      message: expect.stringMatching(/^Warning \(anthropic\.messages \/ claude-unknown-9\): /),
      warning: { type: "compatibility", feature: "maxOutputTokens" },
    });
  });
});
