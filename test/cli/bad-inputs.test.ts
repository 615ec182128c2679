import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { startFakeAnthropicServer, textResponse } from "../support/fake-anthropic-server.js";
import { runCli } from "./run-cli.js";

// Bad input through the real command: a clear one-line error and a non-zero exit, never a hang.
const echoWorker = "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n";
const usesT = "---\nname: main\nmodel: builtin:echo\ntoolsets:\n  t: {}\n---\nUse t.\n";

describe("files that are not regular files: exit 2 at once", () => {
  test.each([
    { name: "a FIFO as the worker file", file: "x.worker", make: "fifo", kind: "a FIFO (named pipe)" },
    { name: "a folder as the worker file", file: "x.worker", make: "directory", kind: "a directory" },
    { name: "a device as the worker file", file: "x.worker", make: "device", kind: "a character device" },
    { name: "a FIFO as the tool file", file: "tools.ts", make: "fifo", kind: "a FIFO (named pipe)" },
    { name: "a folder as the tool file", file: "tools.ts", make: "directory", kind: "a directory" },
  ])("$name", async ({ file, make, kind }) => {
    await using project = await tempProject({ "main.worker": echoWorker });
    const target = project.path(file);
    if (make === "fifo") execFileSync("mkfifo", [target]);
    else if (make === "directory") mkdirSync(target);
    else symlinkSync("/dev/zero", target);
    const result = await runCli(["main.worker", file, "hi"], { cwd: project.dir });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `Error: ${file}: is ${kind}, not a regular file\n`,
    });
  });
});

describe("tool files that never finish loading: exit 1 after the limit", () => {
  test.each([
    { name: "an endless loop after an import", source: 'import { z } from "zod";\nwhile (true) {}\n' },
    { name: "a top-level await that never settles", source: "await new Promise(() => {});\n" },
  ])("$name", async ({ source }) => {
    await using project = await tempProject({ "main.worker": usesT, "tools.ts": source });
    const result = await runCli(["main.worker", "tools.ts", "hi"], {
      cwd: project.dir,
      env: { LLM_DO_TOOL_LOAD_TIMEOUT: "1" },
    });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: tools.ts: did not finish loading within 1 s (an endless loop at its top level, or a top-level await that never settles?); LLM_DO_TOOL_LOAD_TIMEOUT sets the limit in seconds\n",
    });
  });

  test("a limit that is not a number of seconds is an error", async () => {
    await using project = await tempProject({ "main.worker": echoWorker });
    const result = await runCli(["main.worker", "hi"], {
      cwd: project.dir,
      env: { LLM_DO_TOOL_LOAD_TIMEOUT: "soon" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Error: LLM_DO_TOOL_LOAD_TIMEOUT must be a positive number of seconds (got "soon")\n',
    );
  });
});

describe("names and exports", () => {
  test("control characters in a name are printed escaped", async () => {
    await using project = await tempProject({ "main.worker": '---\nname: "ma\\0in\\e[2J"\n---\nHi.\n' });
    const result = await runCli(["main.worker", "hi"], { cwd: project.dir });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: main.worker:2:1: invalid name 'ma\\u0000in\\u001b[2J': use letters, digits, '_' and '-'\n",
    });
  });

  test("an export that is not a toolset says what it is", async () => {
    await using project = await tempProject({
      "main.worker": usesT,
      "tools.ts": 'export const t = "hello";\n',
    });
    const result = await runCli(["main.worker", "tools.ts", "hi"], { cwd: project.dir });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: main.worker:5:3: 't' is exported by tools.ts but is a string, not a toolset\n",
    });
  });

  test("a tool with a null input schema is rejected at load, naming the file, the export and the tool", async () => {
    await using project = await tempProject({
      "main.worker": usesT,
      "tools.ts":
        'import { tool, toolset } from "llm-do";\nexport const t = toolset({ echo: tool({ description: "d", inputSchema: null, execute: () => 1 }) });\n',
    });
    const result = await runCli(["main.worker", "tools.ts", "hi"], { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Error: tools.ts: toolset 't', tool 'echo': inputSchema must be a zod schema such as z.object({ ... }), or jsonSchema({ ... }) from "ai" (got null)\n`,
    );
  });
});

describe("inline schemas", () => {
  test("an invalid inline schema is an error at its line and column", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: builtin:echo\nschema_in:\n  type: objekt\n---\nHi.\n",
    });
    const result = await runCli(["main.worker", "hi"], { cwd: project.dir });
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: main.worker:5:3: schema_in: unknown type 'objekt' (did you mean 'object'?) (types: object, array, string, number, integer, boolean, null)\n",
    });
  });

  test('an answer {"wrong": 1} against an inline schema_out fails the run', async () => {
    await using server = await startFakeAnthropicServer(() => textResponse('{"wrong": 1}'));
    await using project = await tempProject({
      "main.worker":
        "---\nname: main\nmodel: anthropic:claude-haiku-4-5\nschema_out:\n  type: object\n  properties:\n    score: { type: integer }\n  required: [score]\n---\nScore.\n",
    });
    const result = await runCli(["main.worker", "hi"], {
      cwd: project.dir,
      env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `Error: main: the model's answer does not match schema_out: score: expected number, received undefined (answer: {"wrong": 1})\n`,
    );
  });
});
