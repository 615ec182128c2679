import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isProcessRunning, waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { killLiveCommands, trackLiveCommand } from "./live-commands.js";

describe("live commands", () => {
  it("kills the process groups of tracked commands, and forgets untracked ones", async () => {
    const tracked = spawn("sleep", ["30"], { detached: true, stdio: "ignore" });
    const untracked = spawn("sleep", ["30"], { detached: true, stdio: "ignore" });
    await Promise.all(
      [tracked, untracked].map((child) => new Promise((resolve) => child.once("spawn", resolve))),
    );
    trackLiveCommand({ processGroup: tracked.pid!, marker: undefined });
    const untrack = trackLiveCommand({ processGroup: untracked.pid!, marker: undefined });
    untrack();
    killLiveCommands();
    expect(await waitUntilGone(tracked.pid!)).toBe(true);
    expect(isProcessRunning(untracked.pid!)).toBe(true);
    untracked.kill("SIGKILL");
  });

  it("kills them when the process exits (an exit listener is installed)", () => {
    trackLiveCommand({ processGroup: 2 ** 22 + 12345, marker: undefined })();
    expect(process.listeners("exit")).toContain(killLiveCommands);
  });
});
