/**
 * @module `llm-do [FILE...] [PROMPT...] [options]`: parses the command line, checks it, reads the
 * prompt, and hands the run to an output mode (TUI, headless or JSON). Modes and the `trace`
 * subcommand are imported lazily, so `--help` and headless runs never load the TUI or the
 * trace viewer.
 */
import type { Budget } from "../budget/budget.js";
import { AbortError, UsageError } from "../errors.js";
import type { ProjectFile } from "../project-file/parse-project-file.js";
import { telemetryFromEnvironment } from "../telemetry/telemetry-from-environment.js";
import type { TelemetryOptions } from "../telemetry/telemetry-tracer.js";
import { parseSetOverride } from "../worker/set-override.js";
import type { CliIo } from "./cli-io.js";
import { EXIT_ABORTED, exitCodeFor } from "./exit-codes.js";
import { errorRecord, formatErrorText } from "./format-error.js";
import { headerRecord } from "./header-record.js";
import type { ApprovalFlag } from "./headless-approval-policy.js";
import type { Mode, ModeContext } from "./modes/mode-context.js";
import { packageVersion } from "./package-version.js";
import { asksForJson, type CliArguments, parseCliArguments } from "./parse-cli-arguments.js";
import { displayPath, projectFileFor } from "./project-file-for.js";
import { readInputJson } from "./read-input-json.js";
import { readPrompt } from "./read-prompt.js";
import { type OutputMode, selectOutputMode } from "./select-output-mode.js";
import { splitPositionals } from "./split-positionals.js";
import { toJsonLine } from "./to-json-line.js";

export type { CliIo, TextOutput } from "./cli-io.js";

const modes: Readonly<Record<OutputMode, () => Promise<Mode>>> = {
  headless: async () => (await import("./modes/headless.js")).runHeadless,
  json: async () => (await import("./modes/json.js")).runJson,
  interactive: async () => (await import("./modes/interactive.js")).runInteractiveMode,
};

/**
 * Runs `llm-do` with `argv` (the arguments after the program name) and returns the exit code:
 * 0 success, 1 the run failed, 2 usage error, 130 interrupted.
 *
 * The first SIGINT aborts the run (the model request is cancelled, child processes are killed)
 * and `Aborted` is printed; a second one calls `io.exit(130)` at once.
 *
 * Contract: never throws and never exits the process itself, except through `io.exit` on a
 * second SIGINT.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const json = asksForJson(argv);
  let debug = argv.includes("--debug");
  let version = "unknown";
  const controller = new AbortController();
  let interrupts = 0;
  const unsubscribe = io.onSignal?.("SIGINT", () => {
    interrupts += 1;
    if (interrupts === 1) {
      controller.abort(new AbortError());
      return;
    }
    reportError(new AbortError(), io, { json, debug: false, version, withHeader: false });
    io.exit?.(EXIT_ABORTED);
  });
  try {
    version = packageVersion();
    if (argv[0] === "trace") {
      const { runTraceCommand } = await import("../trace/run-trace-command.js");
      await runTraceCommand(argv.slice(1), io);
      return 0;
    }
    const parsed = parseCliArguments(argv, version, io);
    if (parsed.type === "exit") return parsed.code;
    debug = parsed.arguments.debug;
    const { mode, context } = await prepare(parsed.arguments, io, version, controller.signal);
    const runMode = await modes[mode]();
    return await runMode(context);
  } catch (error) {
    return reportError(error, io, { json, debug, version, withHeader: true });
  } finally {
    unsubscribe?.();
  }
}

async function prepare(
  options: CliArguments,
  io: CliIo,
  version: string,
  signal: AbortSignal,
): Promise<{ mode: OutputMode; context: ModeContext }> {
  const mode = selectOutputMode({ ...options, stdoutIsTTY: io.stdoutIsTTY });
  const { files, promptWords } = splitPositionals(options.positionals);
  const project = projectFileFor(files, io.cwd);
  if (project && options.verbosity > 0 && mode !== "json") {
    io.stderr.write(`Project file: ${displayPath(project.file, io.cwd)}\n`);
  }
  const overrides = options.set.map(parseSetOverride);
  const input = await readInput(options, promptWords, io, signal, mode, project?.input);
  const maxDepth = options.maxDepth ?? project?.maxDepth;
  const context: ModeContext = {
    io,
    run: {
      files: project?.files ?? files,
      entry: options.entry ?? project?.entry ?? "main",
      input,
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(project?.model !== undefined ? { defaultModel: project.model } : {}),
      ...(project ? { projectDir: project.dir } : {}),
      ...(project?.createdWorkers !== undefined ? { createdWorkersDir: project.createdWorkers } : {}),
      ...(overrides.length > 0 ? { overrides } : {}),
      ...(maxDepth !== undefined ? { maxDepth } : {}),
      ...(options.record !== undefined ? { record: options.record } : {}),
      ...(options.trace !== undefined ? { trace: options.trace } : {}),
      ...(options.replayDrift !== undefined ? { replayDrift: options.replayDrift } : {}),
      ...budgetOf(options),
      ...telemetryOf(io),
      cwd: io.cwd,
      env: io.env,
      signal,
    },
    approval: approvalFlag(options, project),
    verbosity: options.verbosity,
    chat: options.chat,
    debug: options.debug,
    version,
  };
  return { mode, context };
}

/** `--approve-all` / `--reject-all`, else the project file's `approval`. */
function approvalFlag(options: CliArguments, project: ProjectFile | undefined): ApprovalFlag {
  if (options.approveAll) return "approve_all";
  if (options.rejectAll) return "reject_all";
  return project?.approval === "ask" ? undefined : project?.approval;
}

/**
 * The prompt (words or stdin), or `--input-json`'s object; without either, the project file's
 * `input`.
 */
async function readInput(
  options: CliArguments,
  promptWords: readonly string[],
  io: CliIo,
  signal: AbortSignal,
  mode: OutputMode,
  defaultInput: ProjectFile["input"],
): Promise<unknown> {
  if (options.inputJson !== undefined) {
    if (options.chat) throw new UsageError("Cannot combine --input-json and --chat");
    if (promptWords.length > 0) {
      throw new UsageError(
        `Cannot combine --input-json and a prompt ('${promptWords.join(" ")}'): give the input one way`,
      );
    }
    return readInputJson(options.inputJson, io.cwd);
  }
  // `llm-do main.worker --chat` with nothing to say yet opens the chat with an empty input.
  const startsEmpty = mode === "interactive" && options.chat && promptWords.length === 0 && io.stdinIsTTY;
  if (startsEmpty) return undefined;
  try {
    return await readPrompt({ words: promptWords, stdin: io.stdin, stdinIsTTY: io.stdinIsTTY, signal });
  } catch (error) {
    // No words and nothing on stdin: the project's default input, if it has one.
    if (defaultInput !== undefined && (error as { code?: unknown }).code === "USAGE") return defaultInput;
    throw error;
  }
}

function telemetryOf(io: CliIo): { telemetry?: TelemetryOptions } {
  const tracer = telemetryFromEnvironment(io.env, {
    onError: (message) => io.stderr.write(`Warning: ${message}\n`),
  });
  return tracer ? { telemetry: { tracer, flush: () => tracer.flush() } } : {};
}

function budgetOf(options: CliArguments): { budget?: Budget } {
  const budget: Budget = {
    ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.maxCalls !== undefined ? { maxCalls: options.maxCalls } : {}),
  };
  return Object.keys(budget).length > 0 ? { budget } : {};
}

function reportError(
  error: unknown,
  io: CliIo,
  options: { json: boolean; debug: boolean; version: string; withHeader: boolean },
): number {
  if (options.json) {
    if (options.withHeader) {
      io.stderr.write(toJsonLine(headerRecord(options.version)));
    }
    io.stderr.write(toJsonLine(errorRecord(error, { debug: options.debug })));
  } else {
    io.stderr.write(formatErrorText(error, { debug: options.debug }));
  }
  return exitCodeFor(error);
}
