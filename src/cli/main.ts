/**
 * @module `llm-do [FILE...] [PROMPT...] [options]`: parses the command line, checks it, reads the
 * prompt, and hands the run to an output mode (TUI, headless or JSON). Modes and the `trace`,
 * `eval`, `batch` and `runner` subcommands are imported lazily, so `--help` and headless runs never load
 * the TUI, the trace viewer, the eval runner or the durable engine.
 */
import type { Budget } from "../budget/budget.js";
import { AbortError, isLlmDoError, UsageError } from "../errors.js";
import type { RequestTimeouts } from "../models/request-timeouts.js";
import type { ProjectFile } from "../project-file/parse-project-file.js";
import type { OtlpExport } from "../telemetry/start-otlp-export.js";
import { telemetryFromEnvironment } from "../telemetry/telemetry-from-environment.js";
import { parseSetOverride } from "../worker/set-override.js";
import { CLI_SIGNALS, type CliIo, type CliSignal } from "./cli-io.js";
import { EXIT_BY_SIGNAL, exitCodeAfter } from "./exit-codes.js";
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
 * 0 success, 1 the run failed, 2 usage error, 128 + the signal's number when SIGINT (130),
 * SIGTERM (143) or SIGHUP (129) ended it.
 *
 * The first of these signals aborts the run (the model request is cancelled, child processes
 * and their process groups are killed, recordings and traces are written) and `Aborted` is
 * printed; a second one calls `io.exit(128 + n)` at once.
 *
 * Contract: never throws and never exits the process itself, except through `io.exit` on a
 * second signal.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const json = asksForJson(argv);
  let debug = argv.includes("--debug");
  let version = "unknown";
  const controller = new AbortController();
  let received: CliSignal | undefined;
  const onSignal = (signal: CliSignal) => {
    if (received === undefined) {
      received = signal;
      controller.abort(new AbortError());
      return;
    }
    reportError(new AbortError(), io, {
      json,
      debug: false,
      version,
      withHeader: false,
      interruptedBy: signal,
    });
    io.exit?.(EXIT_BY_SIGNAL[signal]);
  };
  const unsubscribes = CLI_SIGNALS.map((signal) => io.onSignal?.(signal, () => onSignal(signal)));
  const execute = async (): Promise<number> => {
    try {
      version = packageVersion();
      if (argv[0] === "trace") {
        const { runTraceCommand } = await import("../trace/run-trace-command.js");
        await runTraceCommand(argv.slice(1), io);
        return 0;
      }
      if (argv[0] === "eval") {
        const { runEvalCommand } = await import("../eval/run-eval-command.js");
        return await runEvalCommand(argv.slice(1), io, controller.signal);
      }
      if (argv[0] === "approvals") {
        const { runApprovalsCommand } = await import("./approvals/run-approvals-command.js");
        return await runApprovalsCommand(argv.slice(1), io);
      }
      if (argv[0] === "runs") {
        const { runRunsCommand } = await import("./runs/run-runs-command.js");
        return await runRunsCommand(argv.slice(1), io);
      }
      if (argv[0] === "batch") {
        const { runBatchCommand } = await import("./batch/run-batch-command.js");
        return await runBatchCommand(argv.slice(1), { io, signal: controller.signal, version });
      }
      if (argv[0] === "runner") {
        const { runRunnerCommand } = await import("./runner/run-runner-command.js");
        return await runRunnerCommand(argv.slice(1), { io, signal: controller.signal });
      }
      const parsed = parseCliArguments(argv, version, io);
      if (parsed.type === "exit") return parsed.code;
      debug = parsed.arguments.debug;
      const { mode, context, telemetry } = await prepare(parsed.arguments, io, version, controller.signal);
      context.interruptedBy = () => received;
      try {
        const durable = parsed.arguments.durable
          ? await durableExecution(parsed.arguments, io, json)
          : undefined;
        if (durable) context.execute = durable.execute;
        try {
          const runMode = await modes[mode]();
          return await runMode(context);
        } finally {
          await durable?.close();
        }
      } finally {
        // Also after Ctrl+C: the run has ended and its spans are sent before the exit.
        await telemetry?.shutdown();
      }
    } catch (error) {
      return reportError(error, io, { json, debug, version, withHeader: true, interruptedBy: received });
    } finally {
      for (const unsubscribe of unsubscribes) unsubscribe?.();
    }
  };
  const code = await execute();
  return received === undefined ? code : EXIT_BY_SIGNAL[received];
}

async function prepare(
  options: CliArguments,
  io: CliIo,
  version: string,
  signal: AbortSignal,
): Promise<{ mode: OutputMode; context: ModeContext; telemetry: OtlpExport | undefined }> {
  const mode = selectOutputMode({ ...options, stdoutIsTTY: io.stdoutIsTTY });
  if (options.databaseUrl !== undefined && !options.durable) {
    throw new UsageError(
      "--database-url is the database of durable runs: add --durable (or use llm-do batch)",
    );
  }
  if (options.approvalTimeout !== undefined && !options.durable) {
    throw new UsageError(
      "--approval-timeout limits how long a durable run waits for approval: add --durable (or use llm-do batch)",
    );
  }
  const { files, promptWords } = splitPositionals(options.positionals);
  const project = projectFileFor(files, io.cwd);
  if (project && options.verbosity > 0 && mode !== "json") {
    io.stderr.write(`Project file: ${displayPath(project.file, io.cwd)}\n`);
  }
  const overrides = options.set.map(parseSetOverride);
  const input = await readInput(options, promptWords, io, signal, mode, project?.input);
  const maxDepth = options.maxDepth ?? project?.maxDepth;
  const telemetry = await otlpExportOf(io);
  const context: ModeContext = {
    io,
    run: {
      files: project?.files ?? files,
      entry: options.entry ?? project?.entry ?? "main",
      input,
      model: options.model,
      defaultModel: project?.model,
      projectDir: project?.dir,
      createdWorkersDir: project?.createdWorkers,
      overrides,
      maxSteps: options.maxSteps,
      maxDepth,
      ...timeoutsOf(options),
      record: options.record,
      trace: options.trace,
      replayDrift: options.replayDrift,
      ...budgetOf(options),
      // This process registers no tracer provider: without an export, the API is not even loaded.
      telemetry: telemetry ? { tracer: telemetry.tracer } : false,
      cwd: io.cwd,
      env: io.env,
      signal,
    },
    approval: approvalFlag(options, project),
    verbosity: options.verbosity,
    chat: options.chat,
    debug: options.debug,
    version,
    execute: async (runOptions) => (await import("../runtime/run.js")).run(runOptions).result,
  };
  return { mode, context, telemetry };
}

/** `--durable`: runs go through the durable engine (imported only then). */
async function durableExecution(
  options: CliArguments,
  io: CliIo,
  json: boolean,
): Promise<{ execute: ModeContext["execute"]; close: () => Promise<void> }> {
  const [{ resolveDatabase }, { durableRunner }, { projectRateLimits }] = await Promise.all([
    import("../durable/resolve-database.js"),
    import("../durable/durable-single-run.js"),
    import("./project-rate-limits.js"),
  ]);
  const database = resolveDatabase({
    ...(options.databaseUrl !== undefined ? { flag: options.databaseUrl } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const warn = (message: string) =>
    io.stderr.write(json ? toJsonLine({ type: "warning", message }) : `Warning: ${message}\n`);
  const { pendingApprovalMessage } = await import("../durable/approvals/pending-approval-message.js");
  const runner = durableRunner({
    database,
    approvals: {
      ...(options.approvalTimeout !== undefined ? { timeoutMs: options.approvalTimeout } : {}),
      onPending: (request) => warn(pendingApprovalMessage(request)),
    },
    rateLimits: projectRateLimits(io.cwd),
    onLog: (level, message) => warn(`durable engine ${level}: ${message}`),
  });
  return { execute: (runOptions) => runner.execute(runOptions), close: () => runner.close() };
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
    if (defaultInput !== undefined && isLlmDoError(error, "USAGE")) return defaultInput;
    throw error;
  }
}

/** The OpenTelemetry export the environment asks for; the SDK is imported only then. */
async function otlpExportOf(io: CliIo): Promise<OtlpExport | undefined> {
  const settings = telemetryFromEnvironment(io.env);
  if (!settings) return undefined;
  const { startOtlpExport } = await import("../telemetry/start-otlp-export.js");
  return startOtlpExport(settings, (message) => io.stderr.write(`Warning: ${message}\n`));
}

/** `--idle-timeout` and `--request-timeout`, from seconds to milliseconds (at least 1). */
function timeoutsOf(options: CliArguments): { timeouts?: Partial<RequestTimeouts> } {
  const milliseconds = (seconds: number) => Math.max(1, Math.round(seconds * 1000));
  const timeouts: Partial<RequestTimeouts> = {
    ...(options.idleTimeout !== undefined ? { idleMs: milliseconds(options.idleTimeout) } : {}),
    ...(options.requestTimeout !== undefined ? { requestMs: milliseconds(options.requestTimeout) } : {}),
  };
  return Object.keys(timeouts).length > 0 ? { timeouts } : {};
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
  options: {
    json: boolean;
    debug: boolean;
    version: string;
    withHeader: boolean;
    interruptedBy: CliSignal | undefined;
  },
): number {
  if (options.json) {
    if (options.withHeader) {
      io.stderr.write(toJsonLine(headerRecord(options.version)));
    }
    io.stderr.write(
      toJsonLine(errorRecord(error, { debug: options.debug, interruptedBy: options.interruptedBy })),
    );
  } else {
    io.stderr.write(formatErrorText(error, { debug: options.debug }));
  }
  return exitCodeAfter(error, options.interruptedBy);
}
