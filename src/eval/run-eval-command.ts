/**
 * @module `llm-do eval` and `llm-do eval cases-from`: the command-line side of evals. Loads the
 * files and the cases, runs them, prints the table (or the JSON report), and returns the exit
 * code: 0 when every case passed, 1 when any failed.
 */
import path from "node:path";
import type { Budget } from "../budget/budget.js";
import { captureModelWarnings } from "../cli/capture-model-warnings.js";
import { checkFiles } from "../cli/check-files.js";
import { EXIT_FAILURE, EXIT_OK } from "../cli/exit-codes.js";
import { toJsonSafe } from "../cli/to-json-safe.js";
import { UsageError } from "../errors.js";
import { readRecording } from "../record/parse-recording.js";
import { loadProject } from "../registry/load-project.js";
import { readTraceFile } from "../trace/write-trace-file.js";
import { casesFromCalls } from "./cases-from-calls.js";
import type { EvalReport } from "./eval-report.js";
import { formatCasesFile } from "./format-cases-file.js";
import { formatEvalTable } from "./format-eval-table.js";
import { loadCasesFile } from "./load-cases-file.js";
import { type EvalArguments, parseEvalArguments } from "./parse-eval-arguments.js";
import { recordingCalls } from "./recording-calls.js";
import type { TargetSpec } from "./run-case.js";
import { runEval } from "./run-eval.js";
import { traceCalls } from "./trace-calls.js";

/** The `format` of the JSON report. */
export const EVAL_REPORT_FORMAT = "llm-do-eval";
/** The version of the JSON report. */
export const EVAL_REPORT_VERSION = 1;

/** What the subcommand touches. */
export interface EvalCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * Runs the subcommand with the arguments after `eval` and returns the exit code. Contract:
 * throws UsageError for bad arguments or missing files, and the errors of loading files
 * (ConfigError, WorkerFileError, NotFoundError) before any case runs; the caller maps them
 * to exit codes.
 */
export async function runEvalCommand(
  argv: readonly string[],
  io: EvalCommandIo,
  signal?: AbortSignal,
): Promise<number> {
  const command = parseEvalArguments(argv);
  switch (command.type) {
    case "help":
      io.stdout.write(command.text);
      return EXIT_OK;
    case "cases-from":
      await printCasesFrom(command.file, command.call, io);
      return EXIT_OK;
    case "eval":
      return evaluate(command.arguments, io, signal);
  }
}

async function evaluate(options: EvalArguments, io: EvalCommandIo, signal?: AbortSignal): Promise<number> {
  checkFiles([...options.files, ...options.baselineFiles], io.cwd);
  checkFiles([options.cases], io.cwd);
  const casesFile = await loadCasesFile(options.cases, { cwd: io.cwd });
  const { target, baseline } = await loadTargets(options, casesFile.target, io.cwd);
  const release = captureModelWarnings(() => {});
  let report: EvalReport;
  try {
    report = await runEval({
      cases: casesFile.cases,
      target,
      ...(baseline ? { baseline } : {}),
      ...(options.model !== undefined ? { model: options.model } : {}),
      repeat: options.repeat,
      threshold: options.threshold,
      concurrency: options.concurrency,
      settings: {
        approval: options.approval ?? "fail",
        ...budgetOf(options),
        ...(options.replayDrift ? { replayDrift: options.replayDrift } : {}),
        cwd: io.cwd,
        env: io.env,
        ...(signal ? { signal } : {}),
      },
    });
  } finally {
    release();
  }
  const document = { format: EVAL_REPORT_FORMAT, version: EVAL_REPORT_VERSION, ...report };
  io.stdout.write(
    options.json ? `${JSON.stringify(toJsonSafe(document), null, 2)}\n` : formatEvalTable(report),
  );
  return report.pass ? EXIT_OK : EXIT_FAILURE;
}

/**
 * The target (`--target`, else the cases file's) and the baseline (`--baseline`, whose name is
 * the target's when only `--baseline-files` is given), each in its loaded files.
 */
async function loadTargets(
  options: EvalArguments,
  fileTarget: string | undefined,
  cwd: string,
): Promise<{ target: TargetSpec; baseline?: TargetSpec }> {
  const name = options.target ?? fileTarget;
  if (name === undefined) {
    throw new UsageError(`no target: pass --target NAME or set 'target:' in ${options.cases}`);
  }
  const ownFiles = options.baselineFiles.length > 0;
  const baselineName = options.baseline ?? (ownFiles ? name : undefined);
  if (baselineName === name && !ownFiles) {
    throw new UsageError(
      `--baseline ${name} is the target itself: name another worker or tool, or load the other implementation with --baseline-files`,
    );
  }
  const project = await loadProject({ files: options.files, cwd });
  const target = { name, project };
  if (baselineName === undefined) return { target };
  const baselineProject = ownFiles ? await loadProject({ files: options.baselineFiles, cwd }) : project;
  return { target, baseline: { name: baselineName, project: baselineProject } };
}

async function printCasesFrom(file: string, call: string | undefined, io: EvalCommandIo): Promise<void> {
  checkFiles([file], io.cwd);
  const absolute = path.resolve(io.cwd, file);
  const calls = file.endsWith(".json")
    ? traceCalls(await readTraceFile(absolute, file))
    : recordingCalls(await readRecording(absolute, file));
  const made = casesFromCalls(calls, { file, ...(call !== undefined ? { pattern: call } : {}) });
  for (const skipped of made.skipped) io.stderr.write(`Skipped ${skipped.key}: ${skipped.why}\n`);
  const command = `llm-do eval cases-from ${file}${call !== undefined ? ` --call ${quoteWord(call)}` : ""}`;
  io.stdout.write(formatCasesFile(made, command));
}

function quoteWord(word: string): string {
  return /^[\w./#-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function budgetOf(options: EvalArguments): { budget?: Budget } {
  const budget: Budget = {
    ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.maxCalls !== undefined ? { maxCalls: options.maxCalls } : {}),
  };
  return Object.keys(budget).length > 0 ? { budget } : {};
}
