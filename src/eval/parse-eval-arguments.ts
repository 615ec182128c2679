/**
 * @module The command line of `llm-do eval` and `llm-do eval cases-from`, parsed with commander
 * into plain options. Contract of every parser here: throws UsageError for anything malformed.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { isFileArgument } from "../cli/split-positionals.js";
import { UsageError } from "../errors.js";
import { CASES_FROM_HELP, EVAL_HELP } from "./eval-help.js";

/** The options of `llm-do eval FILES... --cases CASES`. */
export interface EvalArguments {
  /** The worker and tool files. */
  files: string[];
  /** `--cases FILE`. */
  cases: string;
  /** `--target NAME` (else the cases file's `target:`). */
  target?: string;
  /** `--baseline NAME`. */
  baseline?: string;
  /** `--baseline-files FILE,...`: where the baseline is (default: the eval's files). */
  baselineFiles: string[];
  model?: string;
  concurrency: number;
  repeat: number;
  threshold: number;
  json: boolean;
  approval?: "approve_all" | "reject_all";
  maxCost?: number;
  maxTokens?: number;
  maxCalls?: number;
  replayDrift?: "fail" | "report";
  debug: boolean;
}

/** What the arguments after `eval` ask for. */
export type EvalCommand =
  | { type: "help"; text: string }
  | { type: "eval"; arguments: EvalArguments }
  | { type: "cases-from"; file: string; call?: string };

interface RawOptions {
  cases?: string;
  target?: string;
  baseline?: string;
  baselineFiles?: string[];
  model?: string;
  concurrency: number;
  repeat: number;
  threshold: number;
  json?: boolean;
  approveAll?: boolean;
  rejectAll?: boolean;
  maxCost?: number;
  maxTokens?: number;
  maxCalls?: number;
  replayDrift?: "fail" | "report";
  debug?: boolean;
  call?: string;
  help?: boolean;
}

/** Parses the arguments after `eval`. */
export function parseEvalArguments(argv: readonly string[]): EvalCommand {
  if (argv[0] === "cases-from") return parseCasesFrom(argv.slice(1));
  const { options, positionals } = parse(evalProgram(), argv, "llm-do eval --help");
  if (options.help) return { type: "help", text: EVAL_HELP };
  const prompts = positionals.filter((argument) => !isFileArgument(argument));
  if (prompts.length > 0) {
    throw new UsageError(
      `'${prompts[0]}' is not a .worker or tool file: an eval takes files, and its inputs come from --cases (see llm-do eval --help)`,
    );
  }
  if (positionals.length === 0) {
    throw new UsageError("At least one .worker or tool file is required (see llm-do eval --help)");
  }
  if (!options.cases) throw new UsageError("--cases FILE is required (see llm-do eval --help)");
  if (options.approveAll && options.rejectAll)
    throw new UsageError("Cannot combine --approve-all and --reject-all");
  const baselineFiles = (options.baselineFiles ?? []).flatMap((value) => value.split(",")).filter(Boolean);
  const notFiles = baselineFiles.filter((file) => !isFileArgument(file));
  if (notFiles.length > 0) {
    throw new UsageError(`--baseline-files: '${notFiles[0]}' is not a .worker or tool file`);
  }
  return {
    type: "eval",
    arguments: {
      files: positionals,
      cases: options.cases,
      ...(options.target !== undefined ? { target: options.target } : {}),
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
      baselineFiles,
      ...(options.model !== undefined ? { model: options.model } : {}),
      concurrency: options.concurrency,
      repeat: options.repeat,
      threshold: options.threshold,
      json: options.json === true,
      ...(options.approveAll ? { approval: "approve_all" as const } : {}),
      ...(options.rejectAll ? { approval: "reject_all" as const } : {}),
      ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
      ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
      ...(options.maxCalls !== undefined ? { maxCalls: options.maxCalls } : {}),
      ...(options.replayDrift !== undefined ? { replayDrift: options.replayDrift } : {}),
      debug: options.debug === true,
    },
  };
}

function parseCasesFrom(argv: readonly string[]): EvalCommand {
  const program = new Command("llm-do eval cases-from")
    .argument("[RUN...]")
    .option("--call <path>")
    .option("--debug")
    .option("-h, --help");
  const { options, positionals } = parse(program, argv, "llm-do eval cases-from --help");
  if (options.help) return { type: "help", text: CASES_FROM_HELP };
  if (positionals.length !== 1) {
    const problem =
      positionals.length === 0
        ? "no recording given"
        : `one recording at a time (got ${positionals.join(", ")})`;
    throw new UsageError(`${problem} (see llm-do eval cases-from --help)`);
  }
  return {
    type: "cases-from",
    // Non-null: the positionals were counted above.
    file: positionals[0]!,
    ...(options.call !== undefined ? { call: options.call } : {}),
  };
}

function evalProgram(): Command {
  return new Command("llm-do eval")
    .argument("[FILE...]")
    .option("--cases <file>")
    .option("--target <name>")
    .option("--baseline <name>")
    .option("--baseline-files <files>", "", (value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ])
    .option("-m, --model <model>")
    .addOption(new Option("--concurrency <n>").argParser(positiveInteger).default(1))
    .addOption(new Option("--repeat <n>").argParser(positiveInteger).default(1))
    .addOption(new Option("--threshold <rate>").argParser(rate).default(1))
    .option("--json")
    .option("--approve-all")
    .option("--reject-all")
    .addOption(new Option("--max-cost <usd>").argParser(positiveNumber))
    .addOption(new Option("--max-tokens <n>").argParser(positiveInteger))
    .addOption(new Option("--max-calls <n>").argParser(positiveInteger))
    .addOption(new Option("--replay-drift <mode>").choices(["fail", "report"]))
    .option("--debug")
    .option("-h, --help");
}

function parse(
  program: Command,
  argv: readonly string[],
  help: string,
): { options: RawOptions; positionals: string[] } {
  program
    .helpOption(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const message = error.message
      .replace(/^error: /, "")
      .replace(/\s*\n\s*/g, " ")
      .trim();
    throw new UsageError(`${message} (see ${help})`);
  }
  return { options: program.opts<RawOptions>(), positionals: program.args };
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a positive integer");
  }
  return number;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError("expected a positive number");
  }
  return number;
}

function rate(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new InvalidArgumentError("expected a pass rate from 0 to 1, e.g. 0.8");
  }
  return number;
}
