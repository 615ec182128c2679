/**
 * @module Runs the built `llm-do` command (`bin/llm-do.js`) as a child process, the way a user
 * does, with a clean environment.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The `bin/llm-do.js` of this repository. */
export const BIN = fileURLToPath(new URL("../../bin/llm-do.js", import.meta.url));

/** How one run of the command ended. */
export interface CliResult {
  /** The exit code (null when a signal ended it). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of a run. */
export interface CliRunOptions {
  /** The working directory (a temp project). */
  cwd: string;
  /** Variables added to a minimal environment (`PATH`, `HOME`): nothing leaks in from the shell. */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed (closed at once when absent). */
  stdin?: string;
}

/** A started run: the child, and its result once it exits. */
export interface CliProcess {
  child: ChildProcess;
  result: Promise<CliResult>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** Starts `llm-do` with `args`. */
export function spawnCli(args: readonly string[], options: CliRunOptions): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: options.cwd, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  child.stdin?.end(options.stdin ?? "");
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result, stderr: () => stderr };
}

/** Runs `llm-do` with `args` to the end. */
export function runCli(args: readonly string[], options: CliRunOptions): Promise<CliResult> {
  return spawnCli(args, options).result;
}
