import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isProcessRunning, waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { tempDirectory } from "../../../test/fixtures/shell/process-helpers.js";
import {
  COMMAND_MARKER_VARIABLE,
  killMarkedProcesses,
  killMarkedProcessesSync,
} from "./kill-marked-processes.js";

async function fakeProc(root: string, processes: Record<string, string[]>): Promise<void> {
  for (const [pid, environment] of Object.entries(processes)) {
    await mkdir(path.join(root, pid));
    await writeFile(path.join(root, pid, "environ"), `${environment.join("\0")}\0`);
  }
  await mkdir(path.join(root, "self"));
}

describe("killMarkedProcesses", () => {
  it("signals exactly the processes whose environment holds the marker, never this one", async () => {
    await using directory = await tempDirectory();
    await fakeProc(directory.path, {
      "101": ["PATH=/bin", `${COMMAND_MARKER_VARIABLE}=abc`],
      "102": [`${COMMAND_MARKER_VARIABLE}=abcd`],
      "103": [`X=${COMMAND_MARKER_VARIABLE}=abc`],
      [String(process.pid)]: [`${COMMAND_MARKER_VARIABLE}=abc`],
    });
    const sent: Array<[number, string]> = [];
    const kill = (pid: number, signal: NodeJS.Signals) => sent.push([pid, signal]);
    expect(await killMarkedProcesses("abc", { procRoot: directory.path, kill })).toEqual([101]);
    expect(killMarkedProcessesSync("abc", { procRoot: directory.path, kill })).toEqual([101]);
    expect(sent).toEqual([
      [101, "SIGKILL"],
      [101, "SIGKILL"],
    ]);
  });

  it("does nothing where there is no /proc", async () => {
    expect(await killMarkedProcesses("abc", { procRoot: "/no/such/proc" })).toEqual([]);
    expect(killMarkedProcessesSync("abc", { procRoot: "/no/such/proc" })).toEqual([]);
  });

  it("kills a real process that left its parent's session", async () => {
    const marker = `test-${process.pid}-${Date.now()}`;
    // detached: the child gets its own session (setsid), as a daemon would.
    const child = spawn("sleep", ["30"], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, [COMMAND_MARKER_VARIABLE]: marker },
    });
    child.unref();
    await new Promise((resolve) => child.once("spawn", resolve));
    expect(isProcessRunning(child.pid!)).toBe(true);
    expect(await killMarkedProcesses(marker)).toContain(child.pid);
    expect(await waitUntilGone(child.pid!)).toBe(true);
  });
});
