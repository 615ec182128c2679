import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { EVENT_SCHEMA_VERSION } from "../../src/index.js";
import { tempProject } from "../../src/testing/index.js";
import {
  errorResponse,
  startFakeAnthropicServer,
  textResponse,
  toolUseResponse,
} from "../support/fake-anthropic-server.js";
import { runCli } from "./run-cli.js";

const worker = (name: string, body: string, extra = "") => `---\nname: ${name}\n${extra}---\n${body}\n`;
const anthropicEnv = (baseUrl: string) => ({ ANTHROPIC_BASE_URL: baseUrl, ANTHROPIC_API_KEY: "test" });
const echoWorker = worker("main", "Echo.", "model: builtin:echo\n");

describe("usage errors: one line on stderr, exit 2", () => {
  test.each([
    {
      name: "a missing file (every missing file is named)",
      args: ["main.worker", "nope.worker", "other.ts", "hi"],
      message: "File not found: nope.worker, other.ts",
    },
    {
      name: "no file at all",
      args: ["just", "a", "prompt"],
      message:
        "At least one .worker or tool file (.ts, .mts, .js, .mjs) is required, or a project file (llm-do.yaml) in this folder or above (see llm-do --help)",
    },
    {
      name: "no prompt (stdin empty)",
      args: ["main.worker"],
      message: "Prompt required (as argument or via stdin)",
    },
    {
      name: "--approve-all with --reject-all",
      args: ["main.worker", "hi", "--approve-all", "--reject-all"],
      message: "Cannot combine --approve-all and --reject-all",
    },
    {
      name: "--headless with --tui",
      args: ["main.worker", "hi", "--headless", "--tui"],
      message: "Cannot combine --headless and --tui",
    },
    {
      name: "--tui without a terminal",
      args: ["main.worker", "hi", "--tui"],
      message: "--tui requires a terminal, but stdout is not a TTY (use --headless)",
    },
    {
      name: "--chat without the TUI",
      args: ["main.worker", "hi", "--chat"],
      message:
        "--chat requires the TUI (--tui or a terminal on stdout); it cannot be used with --headless, --json or redirected output",
    },
    {
      name: "an unknown option",
      args: ["main.worker", "hi", "--aprove-all"],
      message: "unknown option '--aprove-all' (Did you mean --approve-all?) (see llm-do --help)",
    },
    {
      name: "a bad --max-depth",
      args: ["main.worker", "hi", "--max-depth", "zero"],
      message:
        "option '--max-depth <n>' argument 'zero' is invalid. expected a positive integer (see llm-do --help)",
    },
  ])("$name", async ({ args, message }) => {
    await using project = await tempProject({ "main.worker": echoWorker });
    const result = await runCli(args, { cwd: project.dir });
    expect(result).toEqual({ code: 2, stdout: "", stderr: `Error: ${message}\n` });
  });
});

test("--json with --tui: with --json on the command line, the usage error is a JSON record", async () => {
  await using project = await tempProject({ "main.worker": echoWorker });
  const result = await runCli(["main.worker", "hi", "--json", "--tui"], { cwd: project.dir });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(
    result.stderr
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  ).toEqual([
    { type: "llm-do", version: EVENT_SCHEMA_VERSION, llmDoVersion: expect.any(String) },
    {
      type: "error",
      error: { name: "UsageError", code: "USAGE", message: "Cannot combine --json and --tui" },
      exitCode: 2,
    },
  ]);
});

describe("run failures: one line on stderr, exit 1", () => {
  test("an unknown entry lists the available names", async () => {
    await using project = await tempProject({
      "main.worker": echoWorker,
      "helper.worker": worker("helper", "Help.", "model: builtin:echo\n"),
    });
    const result = await runCli(["main.worker", "helper.worker", "--entry", "mian", "hi"], {
      cwd: project.dir,
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: Entry 'mian' not found (did you mean 'main'?) (available: helper, main)\n",
    });
  });

  test("a malformed worker file is reported as file:line:col", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodle: builtin:echo\n---\nEcho.\n",
    });
    const result = await runCli(["main.worker", "hi"], { cwd: project.dir });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: main.worker:3:1: unknown field 'modle' (did you mean 'model'?)\n",
    });
  });

  test("a model API error shows the status and the API's message", async () => {
    await using server = await startFakeAnthropicServer(() =>
      errorResponse(529, "overloaded_error", "Overloaded"),
    );
    await using project = await tempProject({
      "main.worker": worker("main", "Answer.", "model: anthropic:claude-haiku-4-5\n"),
    });
    const result = await runCli(["main.worker", "hi"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    // One line; the runtime may add how many attempts it made.
    expect(result.stderr).toMatch(
      /^Error: Model API error from anthropic:claude-haiku-4-5 \(status 529\): Overloaded\b[^\n]*\n$/,
    );
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
  });

  test("a missing API key names the variable to set, before any request", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "Answer.", "model: anthropic:claude-haiku-4-5\n"),
    });
    const result = await runCli(["main.worker", "hi"], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Error: Anthropic models need an API key: set ANTHROPIC_API_KEY.*\n$/);
  });

  test("headless without --approve-all: the write is denied, the run fails, and no file is written", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("write_file", { path: "out.txt", content: "data" }),
      textResponse("should not be reached"),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Write.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  filesystem: {}\n",
      ),
    });
    const result = await runCli(["main.worker", "write it"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: Approval denied for write_file: use --approve-all to allow it in headless mode\n",
    });
    expect(existsSync(project.path("out.txt"))).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  test("--reject-all: the denial goes back to the model, which continues; nothing is written", async () => {
    await using server = await startFakeAnthropicServer([
      toolUseResponse("write_file", { path: "out.txt", content: "data" }),
      textResponse("I was not allowed to write."),
    ]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Write.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  filesystem: {}\n",
      ),
    });
    const result = await runCli(["main.worker", "write it", "--reject-all"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({ code: 0, stdout: "I was not allowed to write.\n", stderr: "" });
    expect(existsSync(project.path("out.txt"))).toBe(false);
    expect(JSON.stringify(server.requests[1]!.body.messages)).toContain(
      "Approval denied for write_file: --reject-all",
    );
  });

  test("the depth limit ends the run with a message that names the call path", async () => {
    await using server = await startFakeAnthropicServer([toolUseResponse("helper", { input: "sub task" })]);
    await using project = await tempProject({
      "main.worker": worker(
        "main",
        "Delegate.",
        "model: anthropic:claude-haiku-4-5\ntoolsets:\n  helper: {}\n",
      ),
      "helper.worker": worker("helper", "Help."),
    });
    const result = await runCli(["main.worker", "helper.worker", "go", "--max-depth", "1"], {
      cwd: project.dir,
      env: anthropicEnv(server.baseUrl),
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: Depth limit of 1 exceeded calling worker 'helper' (call path: main > helper); raise it with --max-depth\n",
    });
  });

  test("a tool file that fails to load is a run failure naming the file", async () => {
    await using project = await tempProject({
      "main.worker": echoWorker,
      "tools.ts": 'throw new Error("broken on purpose");\n',
    });
    const result = await runCli(["main.worker", "tools.ts", "hi"], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: \S*tools\.ts: failed to load: broken on purpose\n$/);
  });

  test("--debug adds the stack trace", async () => {
    await using project = await tempProject({ "main.worker": echoWorker });
    const result = await runCli(["main.worker", "--entry", "nope", "hi", "--debug"], { cwd: project.dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines[0]).toBe("Error: Entry 'nope' not found (available: main)");
    expect(lines[1]).toBe("NotFoundError: Entry 'nope' not found (available: main)");
    expect(lines[2]).toMatch(/^\s+at /);
  });
});
