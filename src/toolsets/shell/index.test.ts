import { mkdir, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { tempDirectory } from "../../../test/fixtures/shell/process-helpers.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import type { Tool } from "../../tools/tool.js";
import type { ToolsetEnvironment } from "../toolset-factory.js";
import {
  type CommandResult,
  type CommandRunner,
  createShellTool,
  type RunCommandOptions,
  type ShellInput,
  shellToolset,
} from "./index.js";

function environment(cwd: string): ToolsetEnvironment {
  return { cwd, workerFile: path.join(cwd, "main.worker"), workerName: "main", env: process.env };
}

async function shellTool(config: unknown, cwd: string): Promise<Tool<ShellInput, CommandResult>> {
  const toolset = await shellToolset.create(shellToolset.configSchema.parse(config), environment(cwd));
  return toolset.tools.shell as Tool<ShellInput, CommandResult>;
}

async function approval(tool: Tool<ShellInput, CommandResult>, command: string) {
  if (typeof tool.needsApproval !== "function") throw new Error("needsApproval should be a function");
  return tool.needsApproval({ command });
}

describe("shellToolset", () => {
  it("is a factory named shell with one tool, shell", async () => {
    await using directory = await tempDirectory();
    expect(shellToolset.kind).toBe("toolset-factory");
    expect(shellToolset.name).toBe("shell");
    const toolset = await shellToolset.create({}, environment(directory.path));
    expect(Object.keys(toolset.tools)).toEqual(["shell"]);
  });

  it("classifies calls for the approval gate", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool(
      { rules: [{ pattern: "ls", approval_required: false }, { pattern: "git" }], default: null },
      directory.path,
    );
    expect(await approval(tool, "ls -la")).toEqual({ type: "pre-approved" });
    expect(await approval(tool, "git push")).toEqual({ type: "needs-approval" });
    expect(await approval(tool, "ls | wc")).toMatchObject({ type: "blocked" });
    expect(await approval(tool, "rm -rf x")).toEqual({
      type: "blocked",
      reason: "Command not in the allowed list (no matching rule and no default): rm -rf x",
    });
  });

  it("blocks everything with `shell: {}` and asks for everything with `default: {}`", async () => {
    await using directory = await tempDirectory();
    expect(await approval(await shellTool({}, directory.path), "echo hi")).toMatchObject({ type: "blocked" });
    expect(await approval(await shellTool({ default: {} }, directory.path), "echo hi")).toEqual({
      type: "needs-approval",
    });
  });

  it("passes the approval reason for a watched argument", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool(
      { rules: [{ pattern: "find", approval_required: false, approval_required_if_args: ["-delete"] }] },
      directory.path,
    );
    expect(await approval(tool, "find . -name x")).toEqual({ type: "pre-approved" });
    expect(await approval(tool, "find . -delete")).toEqual({
      type: "needs-approval",
      reason: "Argument '-delete' requires approval under rule 'find'",
    });
  });

  it("describes a call as `Execute: <command>`, cut at 80 characters", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool({}, directory.path);
    expect(tool.describe?.({ command: "git status" })).toBe("Execute: git status");
    const long = `echo ${"a".repeat(100)}`;
    expect(tool.describe?.({ command: long })).toBe(`Execute: ${long.slice(0, 80)}...`);
    expect(tool.describe?.({ command: "b".repeat(80) })).toBe(`Execute: ${"b".repeat(80)}`);
  });

  it("runs a command in the run's directory", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool({ default: {} }, directory.path);
    const context = fakeCallContext({ cwd: directory.path });
    await expect(tool.execute({ command: "echo 'hello world'" }, context)).resolves.toEqual({
      stdout: "hello world\n",
      stderr: "",
      exit_code: 0,
      truncated: false,
    });
    const pwd = await tool.execute({ command: "pwd" }, context);
    expect(pwd.stdout).toBe(`${await realpath(directory.path)}\n`);
  });

  it("runs commands in the configured cwd, relative to the run's directory", async () => {
    await using directory = await tempDirectory();
    await mkdir(path.join(directory.path, "sub"));
    await writeFile(path.join(directory.path, "sub", "only-here.txt"), "");
    const tool = await shellTool({ default: {}, cwd: "sub" }, directory.path);
    const result = await tool.execute({ command: "ls" }, fakeCallContext({ cwd: directory.path }));
    expect(result.stdout).toBe("only-here.txt\n");
  });

  it("returns exit 127, 126 and non-zero exits as results", async () => {
    await using directory = await tempDirectory();
    await writeFile(path.join(directory.path, "plain.txt"), "not a program\n", { mode: 0o644 });
    const tool = await shellTool({ default: {} }, directory.path);
    const context = fakeCallContext({ cwd: directory.path });
    expect(await tool.execute({ command: "llm-do-missing-program" }, context)).toEqual({
      stdout: "",
      stderr: "Command not found: llm-do-missing-program",
      exit_code: 127,
      truncated: false,
    });
    expect(await tool.execute({ command: "./plain.txt" }, context)).toEqual({
      stdout: "",
      stderr: "Permission denied: ./plain.txt",
      exit_code: 126,
      truncated: false,
    });
    const failed = await tool.execute({ command: "ls llm-do-no-such-file" }, context);
    expect(failed.exit_code).not.toBe(0);
    expect(failed.stderr).toContain("llm-do-no-such-file");
  });

  it("refuses a blocked command in execute even if the gate was bypassed", async () => {
    await using directory = await tempDirectory();
    const marker = path.join(directory.path, "created");
    const tool = await shellTool({ rules: [{ pattern: "echo", approval_required: false }] }, directory.path);
    const context = fakeCallContext({ cwd: directory.path });
    await expect(tool.execute({ command: `touch ${marker}` }, context)).rejects.toMatchObject({
      name: "ApprovalDeniedError",
      kind: "blocked",
      message: `Command not in the allowed list (no matching rule and no default): touch ${marker}`,
    });
    await expect(tool.execute({ command: "echo hi > x" }, context)).rejects.toThrow(
      "Command contains blocked metacharacter '>'.",
    );
    await expect(realpath(marker)).rejects.toThrow();
  });

  it("truncates long output and sets the flag", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool({ default: {} }, directory.path);
    const result = await tool.execute({ command: "seq 1 100000" }, fakeCallContext({ cwd: directory.path }));
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBe(50_000 + "\n... (output truncated)".length);
    expect(result.stdout.startsWith("1\n2\n3\n")).toBe(true);
    expect(result.stdout.endsWith("\n... (output truncated)")).toBe(true);
  });

  it("stops a command at its timeout and kills it", async () => {
    await using directory = await tempDirectory();
    // Unsandboxed, so that the pid the command prints is this machine's (sandbox.test.ts has the
    // sandboxed case).
    const tool = await shellTool({ default: {}, sandbox: "off" }, directory.path);
    // No `;` or `=>`: they contain blocked metacharacters.
    const script = "console.log(process.pid), setInterval(Date.now, 1000)";
    const result = await tool.execute(
      { command: `${process.execPath} -e "${script}"`, timeout: 0.2 },
      fakeCallContext({ cwd: directory.path }),
    );
    expect(result.exit_code).toBe(-1);
    expect(result.stderr).toBe("Command timed out after 1 seconds");
    expect(await waitUntilGone(Number(result.stdout.trim()))).toBe(true);
  });

  it("rejects with AbortError when the call's signal aborts", async () => {
    await using directory = await tempDirectory();
    const tool = await shellTool({ default: {} }, directory.path);
    const controller = new AbortController();
    const running = tool.execute(
      { command: "sleep 30" },
      fakeCallContext({ cwd: directory.path, signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 100);
    await expect(running).rejects.toMatchObject({ name: "AbortError" });
  });

  it("clamps the timeout to 1..300 seconds, 30 by default", async () => {
    await using directory = await tempDirectory();
    const seen: number[] = [];
    const runner: CommandRunner = {
      run: async (options: RunCommandOptions) => {
        seen.push(options.timeoutSeconds);
        return { stdout: "", stderr: "", exit_code: 0, truncated: false };
      },
    };
    const tool = createShellTool({
      policy: { default: { approval_required: false } },
      cwd: directory.path,
      runner,
    });
    const context = fakeCallContext({ cwd: directory.path });
    for (const timeout of [undefined, 0, 12, 301, -5])
      await tool.execute({ command: "true", timeout }, context);
    expect(seen).toEqual([30, 1, 12, 300, 1]);
  });
});
