import { chmod, mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessRunning, waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { tempDirectory, waitUntilNoneWithArgument } from "../../../test/fixtures/shell/process-helpers.js";
import type { CommandSandbox } from "./command-sandbox.js";
import { MAX_OUTPUT_CHARS, runCommand } from "./run-command.js";

const node = process.execPath;

describe("runCommand", () => {
  it("runs a program and returns its output and exit code", async () => {
    await using directory = await tempDirectory();
    await expect(
      runCommand({ argv: ["echo", "hello", "two words"], cwd: directory.path, timeoutSeconds: 10 }),
    ).resolves.toEqual({ stdout: "hello two words\n", stderr: "", exit_code: 0, truncated: false });
  });

  it("runs in the given directory without a shell", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({ argv: ["pwd"], cwd: directory.path, timeoutSeconds: 10 });
    expect(result.stdout).toBe(`${await realpath(directory.path)}\n`);
    const literal = await runCommand({
      argv: ["echo", "$HOME", "*"],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(literal.stdout).toBe("$HOME *\n");
  });

  it("passes the given environment", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: [node, "-e", "process.stdout.write(process.env.LLM_DO_TEST ?? 'unset')"],
      cwd: directory.path,
      env: { LLM_DO_TEST: "from-env" },
      timeoutSeconds: 10,
    });
    expect(result.stdout).toBe("from-env");
  });

  it("returns a non-zero exit with stderr as a normal result", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: [node, "-e", "process.stderr.write('bad things'); process.exit(3)"],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(result).toEqual({ stdout: "", stderr: "bad things", exit_code: 3, truncated: false });
  });

  it("reports 128 + n when a signal ends the program", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: ["sh", "-c", "kill -9 $$"],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(result.exit_code).toBe(137);
  });

  it("reports a missing program as exit 127", async () => {
    await using directory = await tempDirectory();
    await expect(
      runCommand({ argv: ["llm-do-no-such-program", "x"], cwd: directory.path, timeoutSeconds: 10 }),
    ).resolves.toEqual({
      stdout: "",
      stderr: "Command not found: llm-do-no-such-program",
      exit_code: 127,
      truncated: false,
    });
  });

  it("reports a file that is not executable as exit 126", async () => {
    await using directory = await tempDirectory();
    await writeFile(path.join(directory.path, "script.sh"), "#!/bin/sh\necho hi\n");
    await chmod(path.join(directory.path, "script.sh"), 0o644);
    await expect(
      runCommand({ argv: ["./script.sh"], cwd: directory.path, timeoutSeconds: 10 }),
    ).resolves.toEqual({
      stdout: "",
      stderr: "Permission denied: ./script.sh",
      exit_code: 126,
      truncated: false,
    });
  });

  it("rejects a missing working directory instead of calling the program missing", async () => {
    await using directory = await tempDirectory();
    const missing = path.join(directory.path, "missing");
    await expect(runCommand({ argv: ["echo"], cwd: missing, timeoutSeconds: 10 })).rejects.toThrow(
      `Working directory does not exist: ${missing}`,
    );
    await mkdir(path.join(directory.path, "dir"));
    await writeFile(path.join(directory.path, "file"), "");
    await expect(
      runCommand({ argv: ["echo"], cwd: path.join(directory.path, "file"), timeoutSeconds: 10 }),
    ).rejects.toThrow(`Working directory is not a directory: ${path.join(directory.path, "file")}`);
  });

  it("rejects other spawn failures with a clear error", async () => {
    await using directory = await tempDirectory();
    await expect(
      runCommand({ argv: ["echo", "a\0b"], cwd: directory.path, timeoutSeconds: 10 }),
    ).rejects.toThrow(/^Failed to execute command 'echo': /);
  });

  it("cuts each stream at the limit, appends the marker and sets the flag", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: [node, "-e", "process.stdout.write('x'.repeat(200000)); process.stderr.write('short')"],
      cwd: directory.path,
      timeoutSeconds: 20,
    });
    expect(result.stdout).toBe(`${"x".repeat(MAX_OUTPUT_CHARS)}\n... (output truncated)`);
    expect(result.stderr).toBe("short");
    expect(result.truncated).toBe(true);
    expect(result.exit_code).toBe(0);
  });

  it("keeps output of exactly the limit whole", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: [node, "-e", `process.stdout.write('y'.repeat(${MAX_OUTPUT_CHARS}))`],
      cwd: directory.path,
      timeoutSeconds: 20,
    });
    expect(result.stdout).toBe("y".repeat(MAX_OUTPUT_CHARS));
    expect(result.truncated).toBe(false);
  });

  it("kills the whole process group on timeout and returns what was read", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: ["sh", "-c", "echo started >&2; sleep 30 & echo $!; wait"],
      cwd: directory.path,
      timeoutSeconds: 0.5,
    });
    expect(result).toMatchObject({
      stderr: "started\nCommand timed out after 0.5 seconds",
      exit_code: -1,
      truncated: false,
    });
    const sleepPid = Number(result.stdout.trim());
    expect(sleepPid).toBeGreaterThan(0);
    expect(await waitUntilGone(sleepPid)).toBe(true);
  });

  it("sends SIGKILL after the grace period to processes that ignore SIGTERM", async () => {
    await using directory = await tempDirectory();
    const stubborn = "process.on('SIGTERM', () => {}); console.log(process.pid); setInterval(() => {}, 1000)";
    const started = Date.now();
    const result = await runCommand({
      argv: [node, "-e", stubborn],
      cwd: directory.path,
      timeoutSeconds: 0.5,
      killGraceMs: 200,
    });
    expect(result.exit_code).toBe(-1);
    expect(result.stderr).toBe("Command timed out after 0.5 seconds");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(isProcessRunning(Number(result.stdout.trim()))).toBe(false);
  });

  it("kills the process group and rejects with AbortError when the signal aborts", async () => {
    await using directory = await tempDirectory();
    const marker = path.join(directory.path, "pid");
    const controller = new AbortController();
    const script = `require('fs').writeFileSync(${JSON.stringify(marker)}, String(process.pid)); setInterval(() => {}, 1000)`;
    const running = runCommand({
      argv: [node, "-e", script],
      cwd: directory.path,
      timeoutSeconds: 30,
      signal: controller.signal,
    });
    const pid = await waitForPid(marker);
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: "AbortError", message: "The command was aborted" });
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it("kills what a command left in the background of its group when it ends", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: ["sh", "-c", "sleep 30 & echo $!"],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(result.exit_code).toBe(0);
    expect(await waitUntilGone(Number(result.stdout.trim()))).toBe(true);
  });

  it("kills a child that left the process group (setsid) when the command ends, by its marker", async () => {
    await using directory = await tempDirectory();
    const marker = `884.${process.pid}${Date.now() % 100_000}`;
    // The command leads its group, so setsid forks and returns at once; the sleep has its own
    // session and group, out of reach of a process-group kill.
    const result = await runCommand({
      argv: ["setsid", "sleep", marker],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(result.exit_code).toBe(0);
    expect(await waitUntilNoneWithArgument(marker, 1000)).toBe(true);
  });

  it("marks the command's environment, and its descendants inherit the mark", async () => {
    await using directory = await tempDirectory();
    const result = await runCommand({
      argv: ["sh", "-c", "sh -c 'echo $LLM_DO_COMMAND_ID'"],
      cwd: directory.path,
      timeoutSeconds: 10,
    });
    expect(result.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
  });

  it("marks commands of a sandbox that does not end descendants (Seatbelt), not of one that does", async () => {
    await using directory = await tempDirectory();
    const passThrough = (endsDescendants: boolean): CommandSandbox => ({
      name: "seatbelt",
      endsDescendants,
      wrap: async (command) => ({ argv: [...command.argv], env: command.env, dispose: async () => {} }),
    });
    const print = [process.execPath, "-e", "console.log(process.env.LLM_DO_COMMAND_ID ?? 'none')"];
    const marked = await runCommand({
      argv: print,
      cwd: directory.path,
      timeoutSeconds: 10,
      sandbox: passThrough(false),
    });
    expect(marked.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
    const unmarked = await runCommand({
      argv: print,
      cwd: directory.path,
      timeoutSeconds: 10,
      sandbox: passThrough(true),
    });
    expect(unmarked.stdout).toBe("none\n");
  });

  it("rejects with AbortError without starting anything when already aborted", async () => {
    await using directory = await tempDirectory();
    const marker = path.join(directory.path, "ran");
    await expect(
      runCommand({
        argv: ["touch", marker],
        cwd: directory.path,
        timeoutSeconds: 10,
        signal: AbortSignal.abort(),
      }),
    ).rejects.toMatchObject({ name: "AbortError" });
    await expect(realpath(marker)).rejects.toThrow();
  });
});

async function waitForPid(file: string): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const text = await readFile(file, "utf8").catch(() => "");
    if (text !== "") return Number(text);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no pid written to ${file}`);
}
