/**
 * The shell sandbox through the real command: `required` on a machine without bubblewrap (a
 * PATH without it), the `auto` warning, and the issue's `setsid sleep` that outlived llm-do.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { processesWithArgument } from "../fixtures/shell/process-helpers.js";
import { runCli } from "./run-cli.js";

/** A PATH with node and without bwrap: a machine where bubblewrap is not installed. */
const PATH_WITHOUT_BWRAP = path.dirname(process.execPath);

function worker(shell: string): string {
  return `---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  shell:\n${shell}---\nRun it.\n`;
}

function replay(commands: readonly string[], timeout?: number): string {
  const calls = commands
    .map(
      (command) =>
        `      - name: shell\n        input: ${JSON.stringify({ command, ...(timeout ? { timeout } : {}) })}\n`,
    )
    .join("");
  return `- key: main/1\n  response:\n    tool_calls:\n${calls}- key: main/2\n  response: { text: done }\n`;
}

describe("the shell sandbox through the CLI", { timeout: 20_000 }, () => {
  test("sandbox: required on a machine without bubblewrap fails before any command, naming what to install", async () => {
    await using project = await tempProject({
      "main.worker": worker("    sandbox: required\n    default: { approval_required: false }\n"),
      "run.replay": replay(["/bin/touch ran.txt"]),
    });
    const result = await runCli(["main.worker", "--model", "replay:run.replay", "go"], {
      cwd: project.dir,
      env: { PATH: PATH_WITHOUT_BWRAP },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "Error: main.worker:5:3: shell sandbox: required, but no sandbox can start: bubblewrap (bwrap) is not on PATH. To fix: install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap); or set sandbox: auto to run commands without one\n",
    );
    expect(existsSync(project.path("ran.txt"))).toBe(false);
  });

  const WARNING =
    /^Warning: shell commands run without a sandbox \(bubblewrap \(bwrap\) is not on PATH\): they can write wherever you can and use the network\./;

  test("sandbox: auto without bubblewrap warns once per run on stderr, and runs the commands", async () => {
    await using project = await tempProject({
      "main.worker": worker("    default: { approval_required: false }\n"),
      "run.replay": replay(["/bin/touch one.txt", "/bin/touch two.txt"]),
    });
    const result = await runCli(["main.worker", "--model", "replay:run.replay", "go"], {
      cwd: project.dir,
      env: { PATH: PATH_WITHOUT_BWRAP },
    });
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").filter((line) => line.startsWith("Warning: "))).toEqual([
      expect.stringMatching(WARNING),
    ]);
    expect(existsSync(project.path("two.txt"))).toBe(true);
  });

  test("sandbox: auto without bubblewrap: with --json, one warning record", async () => {
    await using project = await tempProject({
      "main.worker": worker("    default: { approval_required: false }\n"),
      "run.replay": replay(["/bin/touch one.txt", "/bin/touch two.txt"]),
    });
    const result = await runCli(["main.worker", "--model", "replay:run.replay", "--json", "go"], {
      cwd: project.dir,
      env: { PATH: PATH_WITHOUT_BWRAP },
    });
    const records = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { type: string; message?: string });
    const warnings = records.filter((record) => record.type === "warning");
    expect(warnings).toEqual([{ type: "warning", message: expect.any(String) }]);
    expect(`Warning: ${warnings[0]?.message}`).toMatch(WARNING);
  });

  test("sandbox: off says nothing", async () => {
    await using project = await tempProject({
      "main.worker": worker("    sandbox: off\n    default: { approval_required: false }\n"),
      "run.replay": replay(["/bin/touch one.txt"]),
    });
    const result = await runCli(["main.worker", "--model", "replay:run.replay", "go"], {
      cwd: project.dir,
      env: { PATH: PATH_WITHOUT_BWRAP },
    });
    expect(result).toEqual({ code: 0, stdout: "done\n", stderr: "" });
  });

  test.each(["auto", "off"])(
    "`setsid sleep` with a 1 s timeout is not running after llm-do exits (sandbox: %s)",
    async (sandbox) => {
      const marker = `882.${process.pid}${Date.now() % 100_000}`;
      await using project = await tempProject({
        "main.worker": worker(`    sandbox: ${sandbox}\n    default: { approval_required: false }\n`),
        "run.replay": replay([`setsid sleep ${marker}`], 1),
      });
      const result = await runCli(["main.worker", "--model", "replay:run.replay", "go"], {
        cwd: project.dir,
      });
      expect(result.code).toBe(0);
      expect(processesWithArgument(marker)).toEqual([]);
    },
  );
});
