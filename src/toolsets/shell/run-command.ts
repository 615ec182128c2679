/**
 * @module Runs one argv without a shell, in an OS sandbox when one is given, in its own process
 * group, with a timeout, and collects its output. Nothing it starts outlives it: the sandbox's
 * PID namespace ends them, or, unsandboxed, its process group and the processes carrying its
 * environment marker are killed. The `shell` tool reaches it through the {@link CommandRunner}
 * interface, so tests can swap it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { constants } from "node:os";
import { AbortError, errorMessage } from "../../errors.js";
import { errorCode } from "../../util/error-code.js";
import { signalProcessGroup } from "../../util/signal-process-group.js";
import type { CommandEnvironment, CommandSandbox } from "./command-sandbox.js";
import { findExecutable } from "./find-executable.js";
import { COMMAND_MARKER_VARIABLE, killMarkedProcesses } from "./kill-marked-processes.js";
import { trackLiveCommand } from "./live-commands.js";
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
  /** The OS sandbox to run the command in (default: none). */
  sandbox?: CommandSandbox;
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
 * With a `sandbox`, `argv[0]` is first looked up on the `PATH` of `env`, then the sandbox's
 * command line is spawned instead. Without one (or with one that does not end descendants),
 * the child's environment carries a marker (`LLM_DO_COMMAND_ID`) that its descendants inherit.
 *
 * Contract:
 * - when the command ends, whatever it started and left running is killed (its process group
 *   and, unsandboxed on Linux, the processes carrying its marker; sandboxed, its PID namespace);
 *   the same happens if this process exits meanwhile;
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
  const launch = await prepareLaunch(options);
  if (launch.type === "result") return launch.result;
  if (options.signal?.aborted) {
    await launch.dispose();
    throw new AbortError();
  }
  const child = startChild(launch, options);
  const untrack =
    child.pid === undefined ? () => {} : trackLiveCommand({ processGroup: child.pid, marker: launch.marker });
  const limit = options.maxOutputChars ?? MAX_OUTPUT_CHARS;
  const output = { stdout: new OutputCollector(limit), stderr: new OutputCollector(limit) };
  child.stdout?.on("data", (chunk: Buffer) => output.stdout.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => output.stderr.push(chunk));
  const killStragglers = () =>
    launch.marker === undefined ? Promise.resolve() : killMarkedProcesses(launch.marker).then(() => {});
  const stopper = new GroupStopper(child, options.killGraceMs ?? 1000, killStragglers);
  const timeout = setTimeout(() => stopper.stop("timeout"), options.timeoutSeconds * 1000);
  const onAbort = () => stopper.stop("abort");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  // The command is over when its process exits: what it left running (holding its output
  // pipes, perhaps) is killed now rather than at the timeout.
  child.once("exit", () => void stopper.killLeftovers());
  try {
    const outcome = await Promise.race([waitForChild(child), stopper.abandoned]);
    return toResult(outcome, stopper.reason, output, { ...options, argv: launch.argv });
  } finally {
    clearTimeout(timeout);
    options.signal?.removeEventListener("abort", onAbort);
    await stopper.finish();
    untrack();
    child.stdout?.destroy();
    child.stderr?.destroy();
    await launch.dispose();
  }
}

/** What to spawn, or the result when the program cannot run at all. */
type Launch =
  | {
      type: "spawn";
      argv: readonly string[];
      env: CommandEnvironment;
      /** The environment marker, unless a sandbox ends the command's descendants itself. */
      marker: string | undefined;
      dispose: () => Promise<void>;
    }
  | { type: "result"; result: CommandResult };

async function prepareLaunch(options: RunCommandOptions): Promise<Launch> {
  const { sandbox } = options;
  // Without a PID namespace to end them, descendants are found by a marker they inherit.
  const marker = sandbox?.endsDescendants ? undefined : randomUUID();
  const env: CommandEnvironment = {
    ...(options.env ?? process.env),
    ...(marker ? { [COMMAND_MARKER_VARIABLE]: marker } : {}),
  };
  if (!sandbox) return { type: "spawn", argv: options.argv, env, marker, dispose: async () => {} };
  const [program = "", ...rest] = options.argv;
  const found = await findExecutable(program, { searchPath: env.PATH, cwd: options.cwd });
  if (found.type === "not-found") return { type: "result", result: notFound(program) };
  if (found.type === "not-executable") return { type: "result", result: permissionDenied(program) };
  const wrapped = await sandbox.wrap({ argv: [found.path, ...rest], cwd: options.cwd, env });
  return { type: "spawn", argv: wrapped.argv, env: wrapped.env, marker, dispose: wrapped.dispose };
}

/** How the child ended, as far as the runner saw. */
type ChildOutcome =
  | { type: "exited"; code: number | null; signalName: NodeJS.Signals | null }
  | { type: "spawn-failed"; error: Error }
  | { type: "abandoned" };

type StopReason = "timeout" | "abort";

// Plain errors below: the call runner turns them into the shell's ToolExecutionError, and no
// caller tells one from another.
async function assertDirectory(cwd: string): Promise<void> {
  const info = await stat(cwd).catch(() => undefined);
  if (!info) throw new Error(`Working directory does not exist: ${cwd}`);
  if (!info.isDirectory()) throw new Error(`Working directory is not a directory: ${cwd}`);
}

function startChild(launch: Launch & { type: "spawn" }, options: RunCommandOptions): ChildProcess {
  const [file = "", ...args] = launch.argv;
  try {
    return spawn(file, args, {
      cwd: options.cwd,
      env: { ...launch.env },
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
 * Stops the child's process group: SIGTERM, then SIGKILL (and `killStragglers`, for processes
 * that left the group) after the grace period, then gives up waiting for the pipes after another
 * grace period (a process that escaped both may hold them).
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
    private readonly killStragglers: () => Promise<void>,
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
      void this.killStragglers();
      this.later(this.abandon);
    });
  }

  /** Cancels pending timers and kills whatever the command left running, at once. */
  finish(): Promise<void> {
    this.isFinished = true;
    for (const timer of this.timers) clearTimeout(timer);
    // Background processes, and members that ignored SIGTERM but closed their output, would
    // otherwise outlive the call.
    return this.killLeftovers();
  }

  /** Kills the rest of the group and the stragglers with SIGKILL. */
  killLeftovers(): Promise<void> {
    signalProcessGroup(this.child, "SIGKILL");
    return this.killStragglers();
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
  if (code === "ENOENT") return notFound(file);
  if (code === "EACCES") return permissionDenied(file);
  throw new Error(`Failed to execute command '${file}': ${error.message}`, { cause: error });
}

function notFound(file: string): CommandResult {
  return { stdout: "", stderr: `Command not found: ${file}`, exit_code: 127, truncated: false };
}

function permissionDenied(file: string): CommandResult {
  return { stdout: "", stderr: `Permission denied: ${file}`, exit_code: 126, truncated: false };
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
