/**
 * @module Whether an OS sandbox can start on this machine: bubblewrap (`bwrap` on `PATH`) on
 * Linux, `sandbox-exec` on macOS; and, when none can, why and what to install.
 */
import { spawn } from "node:child_process";
import { bubblewrapArguments } from "./bubblewrap-arguments.js";
import type { SandboxKind } from "./command-sandbox.js";
import { findExecutable } from "./find-executable.js";
import { seatbeltArguments } from "./seatbelt-arguments.js";

/** A sandbox that can start, or why none can. */
export type SandboxSupport =
  | { type: "available"; kind: SandboxKind; executable: string }
  | {
      type: "unavailable";
      /** What is missing or failing, e.g. `bubblewrap (bwrap) is not on PATH`. */
      reason: string;
      /** What to install or change. */
      remedy: string;
    };

/** The outcome of trying the sandbox once. */
export type ProbeResult = { type: "ok" } | { type: "failed"; message: string };

/** Starts the sandbox program with `args` around a trivial command and reports how it went. */
export type SandboxProbe = (executable: string, args: readonly string[]) => Promise<ProbeResult>;

/** Options of {@link findSandbox}. */
export interface FindSandboxOptions {
  /** The operating system (`process.platform`). */
  platform: NodeJS.Platform;
  /** The `PATH` to find `bwrap` on (the run's). */
  searchPath: string | undefined;
  /** The run's working directory (for relative `PATH` entries). */
  cwd: string;
  /** Tries the sandbox (default: runs it, once per program and process). */
  probe?: SandboxProbe;
}

// The real profile, so that a macOS that reads it differently makes the sandbox unavailable
// rather than every command fail.
const SEATBELT_PROBE = seatbeltArguments({
  writable: "/private/tmp",
  tmp: "/private/tmp",
  network: "deny",
  argv: ["/usr/bin/true"],
});
const SEATBELT = "/usr/bin/sandbox-exec";

/** How to install bubblewrap, for messages. */
export const INSTALL_BUBBLEWRAP =
  "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap)";

/**
 * Finds the sandbox of `platform` and tries it once (a sandbox that is installed but cannot
 * start, e.g. where unprivileged user namespaces are disabled, is unavailable).
 *
 * Contract: never throws.
 */
export async function findSandbox(options: FindSandboxOptions): Promise<SandboxSupport> {
  const probe = options.probe ?? probeOnce;
  if (options.platform === "linux") {
    const bwrap = await findExecutable("bwrap", { searchPath: options.searchPath, cwd: options.cwd });
    if (bwrap.type !== "found") {
      return { type: "unavailable", reason: "bubblewrap (bwrap) is not on PATH", remedy: INSTALL_BUBBLEWRAP };
    }
    // The real command line, so that a bwrap that cannot do all of it is unavailable.
    const args = bubblewrapArguments({
      writable: options.cwd,
      cwd: options.cwd,
      network: "deny",
      argv: ["true"],
    });
    const tried = await probe(bwrap.path, args);
    if (tried.type === "failed") {
      return {
        type: "unavailable",
        reason: `${bwrap.path} cannot start a sandbox (${tried.message})`,
        remedy:
          "allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or on Ubuntu 24.04+ an AppArmor profile for bwrap), or run llm-do in a container or VM",
      };
    }
    return { type: "available", kind: "bubblewrap", executable: bwrap.path };
  }
  if (options.platform === "darwin") {
    const tried = await probe(SEATBELT, SEATBELT_PROBE);
    if (tried.type === "failed") {
      return {
        type: "unavailable",
        reason: `${SEATBELT} cannot start a sandbox (${tried.message})`,
        remedy: "sandbox-exec ships with macOS; check that /usr/bin/sandbox-exec exists and runs",
      };
    }
    return { type: "available", kind: "seatbelt", executable: SEATBELT };
  }
  return {
    type: "unavailable",
    reason: `llm-do has no sandbox for ${options.platform}`,
    remedy: "run llm-do in a container or VM",
  };
}

const probes = new Map<string, Promise<ProbeResult>>();

/** Runs the probe once per program in this process: whether a sandbox starts does not change. */
function probeOnce(executable: string, args: readonly string[]): Promise<ProbeResult> {
  const key = [executable, ...args].join("\0");
  let result = probes.get(key);
  if (!result) {
    result = runProbe(executable, args);
    probes.set(key, result);
  }
  return result;
}

function runProbe(executable: string, args: readonly string[]): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = spawn(executable, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", (error) => resolve({ type: "failed", message: error.message }));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve({ type: "ok" });
      const firstLine = stderr.trim().split("\n")[0];
      resolve({ type: "failed", message: firstLine || `exit ${code ?? signal}` });
    });
  });
}
