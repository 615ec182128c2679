import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { isProcessRunning, waitUntilGone } from "../fixtures/is-process-running.js";
import { startFakeAnthropicServer, toolUseResponse } from "../support/fake-anthropic-server.js";
import { spawnCli } from "./run-cli.js";

const WORKER = "---\nname: main\nmodel: anthropic:claude-haiku-4-5\n---\nAnswer slowly.\n";

describe("Ctrl+C", () => {
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
    await using project = await tempProject({
      "main.worker": `---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  shell:\n    rules:\n      - pattern: ${JSON.stringify(process.execPath)}\n        approval_required: false\n---\nRun it.\n`,
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
});
