import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirectory } from "../../../test/fixtures/shell/process-helpers.js";
import { findSandbox, INSTALL_BUBBLEWRAP, type SandboxProbe } from "./find-sandbox.js";

const ok: SandboxProbe = async () => ({ type: "ok" });

async function fakeBwrap(directory: string): Promise<string> {
  const bin = path.join(directory, "bin");
  await mkdir(bin);
  await writeFile(path.join(bin, "bwrap"), "#!/bin/sh\n");
  await chmod(path.join(bin, "bwrap"), 0o755);
  return bin;
}

describe("findSandbox", () => {
  it("finds bwrap on the given PATH on Linux, after trying it", async () => {
    await using directory = await tempDirectory();
    const bin = await fakeBwrap(directory.path);
    const tried: string[][] = [];
    const probe: SandboxProbe = async (executable, args) => {
      tried.push([executable, ...args]);
      return { type: "ok" };
    };
    const support = await findSandbox({ platform: "linux", searchPath: `/nowhere:${bin}`, cwd: "/", probe });
    expect(support).toEqual({ type: "available", kind: "bubblewrap", executable: path.join(bin, "bwrap") });
    expect(tried[0]).toEqual(
      expect.arrayContaining([path.join(bin, "bwrap"), "--unshare-pid", "--unshare-net", "true"]),
    );
  });

  it("says what to install when bwrap is not on PATH", async () => {
    await using directory = await tempDirectory();
    expect(await findSandbox({ platform: "linux", searchPath: directory.path, cwd: "/", probe: ok })).toEqual(
      {
        type: "unavailable",
        reason: "bubblewrap (bwrap) is not on PATH",
        remedy: INSTALL_BUBBLEWRAP,
      },
    );
    expect(INSTALL_BUBBLEWRAP).toContain("apt-get install bubblewrap");
  });

  it("reports bwrap's own message when it cannot start a sandbox", async () => {
    await using directory = await tempDirectory();
    const bin = await fakeBwrap(directory.path);
    const support = await findSandbox({
      platform: "linux",
      searchPath: bin,
      cwd: "/",
      probe: async () => ({ type: "failed", message: "bwrap: setting up uid map: Permission denied" }),
    });
    expect(support).toMatchObject({
      type: "unavailable",
      reason: `${path.join(bin, "bwrap")} cannot start a sandbox (bwrap: setting up uid map: Permission denied)`,
    });
    expect(support.type === "unavailable" && support.remedy).toContain("unprivileged user namespaces");
  });

  it("uses sandbox-exec on macOS, and has none elsewhere", async () => {
    expect(await findSandbox({ platform: "darwin", searchPath: "", cwd: "/", probe: ok })).toEqual({
      type: "available",
      kind: "seatbelt",
      executable: "/usr/bin/sandbox-exec",
    });
    expect(await findSandbox({ platform: "win32", searchPath: "", cwd: "/", probe: ok })).toEqual({
      type: "unavailable",
      reason: "llm-do has no sandbox for win32",
      remedy: "run llm-do in a container or VM",
    });
  });

  it("really starts bubblewrap on this machine (.ci/run installs it)", async () => {
    expect(await findSandbox({ platform: "linux", searchPath: process.env.PATH, cwd: "/" })).toMatchObject({
      type: "available",
      kind: "bubblewrap",
    });
  });

  it("reports a program that fails for real", async () => {
    await using directory = await tempDirectory();
    const bin = path.join(directory.path, "bin");
    await mkdir(bin);
    await writeFile(
      path.join(bin, "bwrap"),
      "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n",
    );
    await chmod(path.join(bin, "bwrap"), 0o755);
    const support = await findSandbox({ platform: "linux", searchPath: bin, cwd: "/" });
    expect(support).toMatchObject({
      type: "unavailable",
      reason: `${path.join(bin, "bwrap")} cannot start a sandbox (bwrap: No permissions to create new namespace)`,
    });
  });
});
