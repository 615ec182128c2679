/**
 * @module Runs one argv without a shell, in its own process group, with a timeout, and
 * collects its output. The `shell` tool reaches it through the {@link CommandRunner} interface,
 * so tests can swap it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { constants } from "node:os";
import { AbortError, errorMessage } from "../../errors.js";
import { errorCode } from "../../util/error-code.js";
import { signalProcessGroup } from "../../util/signal-process-group.js";
import { OutputCollector } from "./output-collector.js";

/** The most characters kept per stream. */
export const MAX_OUTPUT_CHARS = 50_000;

/** What the `shell` tool returns. Non-zero exits are results, not errors. */
export interface CommandResult {
  /** Standard output, UTF-8, cut at {@link MAX_OUTPUT_CHARS} with a marker. */
  stdout: string;
  /** Standard error, likewise; also where timeouts and spawn failures are reported. */
  stderr: string;
  /** The exit code; 128 + n when a signal n ended it, 127 not found, 126 not executable, -1 timeout. */
  exit_code: number;
  /** Whether either stream was cut. */
  truncated: boolean;
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  /** The program and its arguments; `argv[0]` is looked up on `PATH` unless it has a slash. */
  argv: readonly string[];
  /** The working directory (absolute). */
  cwd: string;
  /** The child's environment (default: this process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Seconds before the process group is killed. */
  timeoutSeconds: number;
  /** Aborting it kills the process group and rejects with `AbortError`. */
  signal?: AbortSignal;
  /** The most characters kept per stream (default {@link MAX_OUTPUT_CHARS}). */
  maxOutputChars?: number;
  /** Milliseconds between SIGTERM and SIGKILL when stopping the group (default 1000). */
  killGraceMs?: number;
}

/** Runs commands; the `shell` tool's one dependency on the operating system. */
export interface CommandRunner {
  /** Same contract as {@link runCommand}. */
  run(options: RunCommandOptions): Promise<CommandResult>;
}

/** The real runner: {@link runCommand}. */
export const nodeCommandRunner: CommandRunner = { run: (options) => runCommand(options) };

/**
 * Runs `argv` with `spawn(argv[0], rest, { shell: false, detached: true })`: no shell, stdin
 * closed, and the child leads its own process group so that everything it starts can be killed.
 *
 * Contract:
 * - resolves with the result for any exit status; a missing program gives exit 127 and
 *   `Command not found: <argv0>`, an unexecutable one 126 and `Permission denied: <argv0>`;
 * - on timeout, sends SIGTERM to the group, then SIGKILL after the grace period, and resolves
 *   with exit -1, the output read so far, and `Command timed out after <t> seconds` on stderr;
 * - when `signal` aborts (or already has), kills the group the same way and rejects with
 *   `AbortError`;
 * - rejects with an `Error` when the working directory is missing or spawning fails otherwise.
 */
export async function runCommand(options: RunCommandOptions): Promise<CommandResult> {
  if (options.signal?.aborted) throw new AbortError();
  await assertDirectory(options.cwd);
  if (options.signal?.aborted) throw new AbortError();
  const child = startChild(options);
  const limit = options.maxOutputChars ?? MAX_OUTPUT_CHARS;
  const output = { stdout: new OutputCollector(limit), stderr: new OutputCollector(limit) };
  child.stdout?.on("data", (chunk: Buffer) => output.stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.stderr.push(chunk));
  const stopper = new GroupStopper(child, options.killGraceMs ?? 1000);
  const timeout = setTimeout(() => stopper.stop("timeout"), options.timeoutSeconds * 1000);
  const onAbort = () => stopper.stop("abort");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const outcome = await Promise.race([waitForChild(child), stopper.abandoned]);
    return toResult(outcome, stopper.reason, output, options);
  } finally {
    clearTimeout(timeout);
    options.signal?.removeEventListener("abort", onAbort);
    stopper.finish();
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
}

/** How the child ended, as far as the runner saw. */
type ChildOutcome =
  | { type: "exited"; code: number | null; signalName: NodeJS.Signals | null }
  | { type: "spawn-failed"; error: Error }
  | { type: "abandoned" };

type StopReason = "timeout" | "abort";

async function assertDirectory(cwd: string): Promise<void> {
  const info = await stat(cwd).catch(() => undefined);
  if (!info) throw new Error(`Working directory does not exist: ${cwd}`);
  if (!info.isDirectory()) throw new Error(`Working directory is not a directory: ${cwd}`);
}

function startChild(options: RunCommandOptions): ChildProcess {
  const [file = "", ...args] = options.argv;
  try {
    return spawn(file, args, {
      cwd: options.cwd,
      env: { ...(options.env ?? process.env) },
      shell: false,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(`Failed to execute command '${file}': ${errorMessage(error)}`, { cause: error });
  }
}

/** Resolves when the child has exited and its pipes are closed, or when it failed to start. */
function waitForChild(child: ChildProcess): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    child.on("error", (error) => {
      // Once spawned, errors come from the pipes or kill(), and 'close' still follows.
      if (child.pid === undefined) resolve({ type: "spawn-failed", error });
    });
    child.on("close", (code, signalName) => resolve({ type: "exited", code, signalName }));
  });
}

/**
 * Stops the child's process group: SIGTERM, then SIGKILL after the grace period, then gives up
 * waiting for the pipes after another grace period (a process that left the group may hold them).
 */
class GroupStopper {
  /** Why the group was stopped, once it was. */
  reason: StopReason | undefined;
  /** Resolves when waiting for the pipes to close is no longer worth it. */
  readonly abandoned: Promise<ChildOutcome>;
  private abandon: () => void = () => {};
  private readonly timers: NodeJS.Timeout[] = [];
  private isFinished = false;

  constructor(
    private readonly child: ChildProcess,
    private readonly graceMs: number,
  ) {
    this.abandoned = new Promise((resolve) => {
      this.abandon = () => resolve({ type: "abandoned" });
    });
  }

  stop(reason: StopReason): void {
    if (this.reason || this.isFinished) return;
    this.reason = reason;
    signalProcessGroup(this.child, "SIGTERM");
    this.later(() => {
      signalProcessGroup(this.child, "SIGKILL");
      this.later(this.abandon);
    });
  }

  /** Cancels pending timers; after a stop, kills what is left of the group at once. */
  finish(): void {
    this.isFinished = true;
    for (const timer of this.timers) clearTimeout(timer);
    // Members that ignored SIGTERM but closed their output would otherwise outlive the call.
    if (this.reason) signalProcessGroup(this.child, "SIGKILL");
  }

  private later(action: () => void): void {
    this.timers.push(setTimeout(action, this.graceMs));
  }
}

function toResult(
  outcome: ChildOutcome,
  reason: StopReason | undefined,
  output: { stdout: OutputCollector; stderr: OutputCollector },
  options: RunCommandOptions,
): CommandResult {
  const file = options.argv[0] ?? "";
  if (outcome.type === "spawn-failed") return spawnFailure(outcome.error, file);
  if (reason === "abort") throw new AbortError("The command was aborted");
  const stdout = output.stdout.text();
  const stderr = output.stderr.text();
  const truncated = output.stdout.truncated || output.stderr.truncated;
  if (reason === "timeout") {
    const notice = `Command timed out after ${options.timeoutSeconds} seconds`;
    return { stdout, stderr: appendLine(stderr, notice), exit_code: -1, truncated };
  }
  const exit_code = outcome.type === "exited" ? exitCode(outcome.code, outcome.signalName) : -1;
  return { stdout, stderr, exit_code, truncated };
}

function spawnFailure(error: Error, file: string): CommandResult {
  const code = errorCode(error);
  if (code === "ENOENT")
    return { stdout: "", stderr: `Command not found: ${file}`, exit_code: 127, truncated: false };
  if (code === "EACCES")
    return { stdout: "", stderr: `Permission denied: ${file}`, exit_code: 126, truncated: false };
  throw new Error(`Failed to execute command '${file}': ${error.message}`, { cause: error });
}

function exitCode(code: number | null, signalName: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signalName ? constants.signals[signalName] : undefined;
  return number === undefined ? -1 : 128 + number;
}

function appendLine(text: string, line: string): string {
  if (text === "" || text.endsWith("\n")) return text + line;
  return `${text}\n${line}`;
}
