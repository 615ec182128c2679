/**
 * Shell commands in the real OS sandbox (bubblewrap; `.ci/run` installs it). Each test tries to
 * get past the sandbox the way a command of the model's choosing would.
 */
import { existsSync, realpathSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  directoryOutsideTmp,
  processesWithArgument,
  tempDirectory,
  waitForProcessWithArgument,
  waitUntilNoneWithArgument,
} from "../../../test/fixtures/shell/process-helpers.js";
import { packageRoot } from "../../package-root.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import type { Tool } from "../../tools/tool.js";
import { type CommandResult, type ShellInput, shellToolset } from "./index.js";

const NODE = process.execPath;

async function sandboxedShell(
  cwd: string,
  config: Record<string, unknown> = {},
): Promise<(command: string, timeout?: number) => Promise<CommandResult>> {
  const parsed = shellToolset.configSchema.parse({
    default: { approval_required: false },
    sandbox: "required",
    ...config,
  });
  const toolset = await shellToolset.create(parsed, {
    cwd,
    workerFile: path.join(cwd, "main.worker"),
    workerName: "main",
    env: process.env,
  });
  const tool = toolset.tools.shell as Tool<ShellInput, CommandResult>;
  return async (command, timeout) =>
    tool.execute({ command, ...(timeout ? { timeout } : {}) }, fakeCallContext({ cwd }));
}

/** A script that writes each path given to it and prints, per path, `ok` or the error code. */
const WRITER = `import { writeFileSync } from "node:fs";
for (const file of process.argv.slice(2)) {
  try { writeFileSync(file, "pwned"); console.log(file, "ok"); } catch (error) { console.log(file, error.code); }
}
`;

describe("shell commands in the sandbox", { timeout: 15_000 }, () => {
  it("can write the working directory and a private temporary directory, nothing else", async () => {
    await using base = await tempDirectory();
    await using outside = await directoryOutsideTmp();
    await writeFile(path.join(base.path, "writer.mjs"), WRITER);
    const run = await sandboxedShell(base.path);
    const parentOfBase = path.join(path.dirname(base.path), `sibling-${path.basename(base.path)}`);
    const result = await run(
      `${NODE} writer.mjs inside.txt ${outside.path}/x.txt ${parentOfBase} /etc/llm-do-sandbox-test \\$TMPDIR/t.txt /tmp/t.txt`,
    );
    // `$TMPDIR` reaches the program literally; /tmp is the private directory it names.
    expect(result.stdout).toContain("inside.txt ok\n");
    expect(result.stdout).toContain(`${outside.path}/x.txt EROFS\n`);
    expect(result.stdout).toContain("/etc/llm-do-sandbox-test EROFS\n");
    expect(result.stdout).toContain("/tmp/t.txt ok\n");
    expect(existsSync(path.join(base.path, "inside.txt"))).toBe(true);
    expect(existsSync(path.join(outside.path, "x.txt"))).toBe(false);
    expect(existsSync(parentOfBase)).toBe(false);
    expect(existsSync("/etc/llm-do-sandbox-test")).toBe(false);
  });

  it("gives the command TMPDIR=/tmp, empty, and not the machine's /tmp", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    const result = await run(
      `${NODE} -e "console.log(process.env.TMPDIR, require('fs').readdirSync('/tmp').sort().join(' '))"`,
    );
    // Only the mount points of the working directory and of llm-do's own installation (when they
    // lie under /tmp: a clone there) are there.
    const mounted = [base.path, realpathSync(packageRoot())]
      .filter((file) => file.startsWith("/tmp/"))
      .map((file) => file.split("/")[2]!);
    expect(result.stdout).toBe(`/tmp ${[...new Set(mounted)].sort().join(" ")}\n`);
  });

  it("keeps .git/config and .git/hooks read-only inside the working directory", async () => {
    await using base = await tempDirectory();
    await mkdir(path.join(base.path, ".git", "hooks"), { recursive: true });
    await writeFile(path.join(base.path, ".git", "config"), "[core]\n");
    await writeFile(path.join(base.path, "writer.mjs"), WRITER);
    const run = await sandboxedShell(base.path);
    const result = await run(`${NODE} writer.mjs .git/config .git/hooks/pre-commit .git/HEAD`);
    expect(result.stdout).toBe(".git/config EROFS\n.git/hooks/pre-commit EROFS\n.git/HEAD ok\n");
  });

  it("has no network unless the config allows it", async () => {
    await using base = await tempDirectory();
    const server = createServer((socket) => socket.end("hello from the host\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as { port: number }).port;
      await writeFile(
        path.join(base.path, "connect.mjs"),
        `import { connect } from "node:net";
connect(${port}, "127.0.0.1")
  .on("data", (data) => process.stdout.write(String(data)))
  .on("error", (error) => console.log(error.code));
`,
      );
      const denied = await (await sandboxedShell(base.path))(`${NODE} connect.mjs`);
      expect(denied.stdout).toBe("ECONNREFUSED\n");
      const allowed = await (await sandboxedShell(base.path, { network: "allow" }))(`${NODE} connect.mjs`);
      expect(allowed.stdout).toBe("hello from the host\n");
    } finally {
      server.close();
    }
  });

  it("hides the sockets under /run when the network is denied", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    expect((await run(`${NODE} -e "console.log(require('fs').readdirSync('/run').length)"`)).stdout).toBe(
      "0\n",
    );
  });

  it("drops every capability, so root cannot remount the filesystem writable", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    const status = await run("grep CapEff /proc/self/status");
    expect(status.stdout).toBe("CapEff:\t0000000000000000\n");
  });

  it("leaves nothing running once the command ends, setsid or not", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    const marker = `882.${process.pid}${Date.now() % 100_000}`;
    // `setsid -f` forks: the command ends at once, its child in a new session.
    const result = await run(`setsid -f sleep ${marker}`, 2);
    expect(result.exit_code).toBe(0);
    expect(processesWithArgument(marker)).toEqual([]);
  });

  it("kills a detached child when the command times out", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    const marker = `883.${process.pid}${Date.now() % 100_000}`;
    const running = run(`setsid --wait sleep ${marker}`, 1);
    expect((await waitForProcessWithArgument(marker)).length).toBeGreaterThan(0);
    expect((await running).stderr).toBe("Command timed out after 1 seconds");
    expect(await waitUntilNoneWithArgument(marker)).toBe(true);
  });

  it("reports a missing program as exit 127, like an unsandboxed run", async () => {
    await using base = await tempDirectory();
    const run = await sandboxedShell(base.path);
    expect(await run("llm-do-no-such-program")).toEqual({
      stdout: "",
      stderr: "Command not found: llm-do-no-such-program",
      exit_code: 127,
      truncated: false,
    });
  });
});

describe("sandbox: required without a sandbox", () => {
  it("refuses to create the toolset, naming what to install", async () => {
    await using base = await tempDirectory();
    const config = shellToolset.configSchema.parse({ sandbox: "required" });
    const environment = {
      cwd: base.path,
      workerFile: path.join(base.path, "main.worker"),
      workerName: "main",
      env: { PATH: path.join(base.path, "no-bwrap-here") },
    };
    await expect(shellToolset.create(config, environment)).rejects.toThrow(
      "shell sandbox: required, but no sandbox can start: bubblewrap (bwrap) is not on PATH. To fix: install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap); or set sandbox: auto to run commands without one",
    );
  });

  it("warns once under auto, and runs the command unsandboxed", async () => {
    await using base = await tempDirectory();
    const warnings: string[] = [];
    const toolset = await shellToolset.create(
      shellToolset.configSchema.parse({ default: { approval_required: false } }),
      {
        cwd: base.path,
        workerFile: path.join(base.path, "main.worker"),
        workerName: "main",
        env: { PATH: `${path.dirname(NODE)}` },
        warn: (message) => warnings.push(message),
      },
    );
    expect(warnings).toEqual([
      expect.stringMatching(
        /^shell commands run without a sandbox \(bubblewrap \(bwrap\) is not on PATH\): they can write wherever you can/,
      ),
    ]);
    const tool = toolset.tools.shell as Tool<ShellInput, CommandResult>;
    const result = await tool.execute(
      { command: `${NODE} -e "console.log(process.env.TMPDIR === '/tmp' ? 'sandboxed' : 'not')"` },
      fakeCallContext({ cwd: base.path }),
    );
    expect(result.stdout).toBe("not\n");
  });
});
