import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";
import { toolResultOf } from "../support/tool-result-of.js";

const notesServer = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../fixtures/mcp/notes-server.mjs",
);

describe("filesystem and shell through a worker file", () => {
  test("a denied write_file is never written; the model reads the denial (TUI-style resolver)", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  filesystem: {}\n---\nWrite notes.\n",
    });
    const model = scriptedModel([
      toolCall("write_file", { path: "notes/a.md", content: "hello" }),
      text("could not write"),
    ]);
    const requests: string[] = [];
    const { result, events } = await collectRun({
      files: [project.path("main.worker")],
      input: "note hello",
      models: { "test:main": model },
      cwd: project.dir,
      approval: {
        prompt: (request) => {
          requests.push(`${request.callPath.join(" > ")}: ${request.description}`);
          return { type: "denied", note: "Rejected via TUI" };
        },
      },
    });
    expect(result?.output).toBe("could not write");
    expect(requests).toEqual(["main > write_file: Write 5 chars to notes/a.md"]);
    expect(existsSync(project.path("notes/a.md"))).toBe(false);
    expect(existsSync(project.path("notes"))).toBe(false);
    expect(toolResultOf(model, 1)).toEqual({
      error: "Approval denied for write_file: Rejected via TUI",
      tool_name: "write_file",
      error_type: "permission",
    });
    assertBalanced(events);
  });

  test("an approved write_file writes inside the base directory; reads are free", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  filesystem: {}\n---\nWrite notes.\n",
      "input.txt": "source text",
    });
    const model = scriptedModel([
      toolCall("read_file", { path: "input.txt" }),
      toolCall("write_file", { path: "out/copy.txt", content: "source text" }),
      text("copied"),
    ]);
    const { result } = await collectRun({
      files: [project.path("main.worker")],
      input: "copy",
      models: { "test:main": model },
      cwd: project.dir,
      approval: "approve_all",
    });
    expect(result?.output).toBe("copied");
    expect(await readFile(project.path("out/copy.txt"), "utf8")).toBe("source text");
    expect(toolResultOf(model, 1)).toMatchObject({ content: "source text", truncated: false });
  });

  test("a path outside the base is blocked and the model is told, even under approve_all", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  filesystem: {}\n---\nRead.\n",
    });
    const model = scriptedModel([toolCall("read_file", { path: "../../etc/passwd" }), text("refused")]);
    const { result } = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      models: { "test:main": model },
      cwd: project.dir,
      approval: "approve_all",
    });
    expect(result?.output).toBe("refused");
    expect(toolResultOf(model, 1)).toMatchObject({ error_type: "permission", tool_name: "read_file" });
    expect((toolResultOf(model, 1) as { error: string }).error).toContain("outside the allowed directory");
  });

  test("shell rules from front matter: a whitelisted command runs, a pipe is blocked with the character named", async () => {
    await using project = await tempProject({
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  shell:\n    rules:\n      - pattern: echo\n        approval_required: false\n        operands: any\n---\nRun.\n",
    });
    const model = scriptedModel([
      toolCall("shell", { command: "echo hello" }),
      toolCall("shell", { command: "echo a | cat" }),
      toolCall("shell", { command: "rm -rf x" }),
      text("done"),
    ]);
    const { result } = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(result?.output).toBe("done");
    expect(toolResultOf(model, 1)).toEqual({ stdout: "hello\n", stderr: "", exit_code: 0, truncated: false });
    expect((toolResultOf(model, 2) as { error: string }).error).toMatch(
      /^Blocked shell: Command contains blocked metacharacter '\|'/,
    );
    expect((toolResultOf(model, 3) as { error: string }).error).toMatch(
      /^Blocked shell: Command not in the allowed list/,
    );
  });

  test("shell without a sandbox under auto: one warning event per run, however many workers use it", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n  shell: {}\n---\nRun.\n",
      "helper.worker": "---\nname: helper\nmodel: test:main\ntoolsets:\n  shell: {}\n---\nHelp.\n",
    });
    const { result, events } = await collectRun({
      files: [project.path("main.worker"), project.path("helper.worker")],
      input: "x",
      models: { "test:main": scriptedModel([text("done")]) },
      cwd: project.dir,
      // A machine without bubblewrap.
      env: { PATH: path.dirname(process.execPath) },
    });
    expect(result?.output).toBe("done");
    const warnings = events.filter((event) => event.type === "warning");
    expect(warnings).toEqual([
      { type: "warning", message: expect.stringContaining("shell commands run without a sandbox") },
    ]);
    expect(events.indexOf(warnings[0]!)).toBeLessThan(
      events.findIndex((event) => event.type === "call-start"),
    );
  });

  test("a bad toolset config fails before any model call, pointing at the worker file", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  shell:\n    rulez: []\n---\nRun.\n",
    });
    const model = scriptedModel([text("never")]);
    const { error } = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(error?.message).toMatch(/^main\.worker:\d+:\d+: invalid config for toolset 'shell'/);
    expect(model.calls).toHaveLength(0);
  });

  test("an unknown toolset name is an error with a suggestion and the available names", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  filesytem: {}\n---\nRun.\n",
    });
    const { error } = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      models: { "test:main": scriptedModel([]) },
      cwd: project.dir,
    });
    expect(error?.message).toBe(
      "main.worker:5:3: unknown toolset 'filesytem' (did you mean 'filesystem'?) (available: dynamic_workers, filesystem, filesystem_cwd, filesystem_cwd_read_only, filesystem_project, filesystem_project_read_only, main, shell, shell_file_ops, shell_read_only; an MCP server needs 'mcp:' config)",
    );
  });
});

describe("an MCP server as a toolset", () => {
  test("its tools are called by the model through the approval gate, and the server is closed at the end", async () => {
    await using project = await tempProject({
      "main.worker": `---\nname: main\nmodel: test:main\ntoolsets:\n  notes:\n    mcp:\n      command: ${process.execPath}\n      args: [${JSON.stringify(notesServer)}]\n    _approval_config:\n      list_notes: { pre_approved: true }\n---\nTake notes.\n`,
    });
    const model = scriptedModel([
      toolCall("add_note", { text: "buy milk" }),
      toolCall("list_notes", {}),
      text("noted"),
    ]);
    const asked: string[] = [];
    const { result, events, error } = await collectRun({
      files: [project.path("main.worker")],
      input: "remember milk",
      models: { "test:main": model },
      cwd: project.dir,
      approval: {
        prompt: (request) => {
          asked.push(request.description);
          return { type: "approved" };
        },
      },
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("noted");
    // MCP tools need approval by default; list_notes was pre-approved by the worker.
    expect(asked).toEqual(['notes.add_note({"text":"buy milk"})']);
    expect(JSON.stringify(toolResultOf(model, 2))).toContain("buy milk");
    assertBalanced(events);
  });

  test("a server that fails to start is a clear error naming it, before any model call", async () => {
    await using project = await tempProject({
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  notes:\n    mcp:\n      command: no-such-command-xyz\n---\nTake notes.\n",
    });
    const model = scriptedModel([text("never")]);
    const { error } = await collectRun({
      files: [project.path("main.worker")],
      input: "x",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(error?.message).toMatch(
      /^main\.worker:5:3: MCP server 'notes' failed to start: spawn no-such-command-xyz ENOENT/,
    );
    expect(model.calls).toHaveLength(0);
  });
});
