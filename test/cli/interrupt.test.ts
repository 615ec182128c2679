import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { isProcessRunning, waitUntilGone } from "../fixtures/is-process-running.js";
import { waitForProcessWithArgument, waitUntilNoneWithArgument } from "../fixtures/shell/process-helpers.js";
import { startFakeAnthropicServer, toolUseResponse } from "../support/fake-anthropic-server.js";
import { spawnCli } from "./run-cli.js";

const WORKER = "---\nname: main\nmodel: anthropic:claude-haiku-4-5\n---\nAnswer slowly.\n";

describe("Ctrl+C, SIGTERM and SIGHUP", () => {
  test("SIGINT during a slow model response: the request is cancelled, `Aborted`, exit 130", async () => {
    await using server = await startFakeAnthropicServer([{ type: "hold", text: "Let me think" }]);
    await using project = await tempProject({ "main.worker": WORKER });
    const cli = spawnCli(["main.worker", "take your time"], {
      cwd: project.dir,
      env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
    });
    await server.waitForRequests(1);
    cli.child.kill("SIGINT");
    const result = await cli.result;
    await server.waitForDisconnects(1);
    expect(result).toEqual({ code: 130, stdout: "", stderr: "Aborted\n" });
    expect(server.requests).toHaveLength(1);
  });

  test("with -vv the streamed line is ended before `Aborted`", async () => {
    await using server = await startFakeAnthropicServer([{ type: "hold", text: "Let me think" }]);
    await using project = await tempProject({ "main.worker": WORKER });
    const cli = spawnCli(["main.worker", "take your time", "-vv"], {
      cwd: project.dir,
      env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
    });
    await server.waitForRequests(1);
    while (!cli.stderr().includes("Let me think")) await new Promise((resolve) => setTimeout(resolve, 20));
    cli.child.kill("SIGINT");
    const result = await cli.result;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("[main] Let me think\n");
    expect(result.stderr).toMatch(/\[main\] Aborted\nUsage: .*\nAborted\n$/);
  });

  test("SIGINT while a shell command runs: the child process is killed, exit 130", async () => {
    const command = `${process.execPath} child.mjs`;
    await using server = await startFakeAnthropicServer([toolUseResponse("shell", { command })]);
    // Unsandboxed, so that the pid the child writes is this machine's (a sandboxed child is
    // found by its command line in the tests below).
    await using project = await tempProject({
      "main.worker": `---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  shell:\n    sandbox: "off"\n    rules:\n      - pattern: ${JSON.stringify(process.execPath)}\n        approval_required: false\n        operands: any\n---\nRun it.\n`,
      "child.mjs":
        'import { writeFileSync } from "node:fs";\nwriteFileSync("child.pid", String(process.pid));\nsetInterval(() => {}, 1000);\n',
    });
    const cli = spawnCli(["main.worker", "run the child"], {
      cwd: project.dir,
      env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
    });
    const pidFile = project.path("child.pid");
    while (!existsSync(pidFile) || readFileSync(pidFile, "utf8") === "") {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(isProcessRunning(pid)).toBe(true);
    cli.child.kill("SIGINT");
    const result = await cli.result;
    expect(result).toEqual({ code: 130, stdout: "", stderr: "Aborted\n" });
    expect(await waitUntilGone(pid)).toBe(true);
  });

  /** Starts a detached child (its own session) that outlives the script, then keeps running. */
  const DETACH = `import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
spawn("sleep", [process.argv[2]], { detached: true, stdio: "ignore" }).unref();
writeFileSync("started", "");
setInterval(() => {}, 1000);
`;

  test.each([
    ["SIGTERM", 143, "auto"],
    ["SIGTERM", 143, "off"],
    ["SIGHUP", 129, "auto"],
    ["SIGHUP", 129, "off"],
  ] as const)(
    "%s while a shell command's detached child runs (exit %i, sandbox: %s): nothing is left, the trace is written",
    async (signal, code, sandbox) => {
      const marker = `885.${process.pid}${Date.now() % 100_000}`;
      const command = `${process.execPath} detach.mjs ${marker}`;
      await using server = await startFakeAnthropicServer([toolUseResponse("shell", { command })]);
      await using project = await tempProject({
        "main.worker": `---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  shell:\n    sandbox: ${sandbox}\n    default: { approval_required: false }\n---\nRun it.\n`,
        "detach.mjs": DETACH,
      });
      const cli = spawnCli(["main.worker", "run it", "--trace", "trace.json"], {
        cwd: project.dir,
        env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
      });
      while (!existsSync(project.path("started"))) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await waitForProcessWithArgument(marker)).length).toBeGreaterThan(0);
      cli.child.kill(signal);
      const result = await cli.result;
      expect(result).toEqual({ code, stdout: "", stderr: "Aborted\n" });
      expect(await waitUntilNoneWithArgument(marker)).toBe(true);
      const trace = JSON.parse(readFileSync(project.path("trace.json"), "utf8")) as { outcome: string };
      expect(trace.outcome).toBe("aborted");
    },
  );

  test("SIGKILL while a sandboxed command's detached child runs: bubblewrap ends it with llm-do", async () => {
    const marker = `887.${process.pid}${Date.now() % 100_000}`;
    const command = `${process.execPath} detach.mjs ${marker}`;
    await using server = await startFakeAnthropicServer([toolUseResponse("shell", { command })]);
    await using project = await tempProject({
      "main.worker": `---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  shell:\n    sandbox: required\n    default: { approval_required: false }\n---\nRun it.\n`,
      "detach.mjs": DETACH,
    });
    const cli = spawnCli(["main.worker", "run it"], {
      cwd: project.dir,
      env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
    });
    while (!existsSync(project.path("started"))) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await waitForProcessWithArgument(marker)).length).toBeGreaterThan(0);
    cli.child.kill("SIGKILL");
    expect((await cli.result).code).toBeNull();
    expect(await waitUntilNoneWithArgument(marker)).toBe(true);
  });
});
