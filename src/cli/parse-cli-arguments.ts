/**
 * @module The `llm-do` command line, parsed with commander into plain options. No checks of
 * files or combinations here: see `resolveCliOptions`.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { UsageError } from "../errors.js";
import { defaultRequestTimeouts } from "../models/request-timeouts.js";
import { DEFAULT_MAX_STEPS, MAX_TIMEOUT_MS } from "../runtime/run-limits.js";
import type { TextOutput } from "./cli-io.js";
import { HELP_AFTER, HELP_DESCRIPTION } from "./help-text.js";
import {
  approvalTimeoutOption,
  maxCallsOption,
  maxCostOption,
  maxDepthOption,
  maxTokensOption,
  parsePositiveInteger,
  replayDriftOption,
} from "./shared-options.js";

/** The flags and positional arguments, as given. */
export interface CliArguments {
  /** Files and prompt words, in order. */
  positionals: string[];
  /** `--entry`, when given (the default is the project file's entry, or `main`). */
  entry?: string;
  /** `--model`. */
  model?: string;
  /** `--set`, in order. */
  set: string[];
  /** `--approve-all`. */
  approveAll: boolean;
  /** `--reject-all`. */
  rejectAll: boolean;
  /** `--headless`. */
  headless: boolean;
  /** `--tui`. */
  tui: boolean;
  /** `--chat`. */
  chat: boolean;
  /** `--json`. */
  json: boolean;
  /** The number of `-v`. */
  verbosity: number;
  /** `--max-depth`. */
  maxDepth?: number;
  /** `--max-steps`. */
  maxSteps?: number;
  /** `--idle-timeout`, in seconds. */
  idleTimeout?: number;
  /** `--request-timeout`, in seconds. */
  requestTimeout?: number;
  /** `--debug`. */
  debug: boolean;
  /** `--record FILE`. */
  record?: string;
  /** `--trace FILE`. */
  trace?: string;
  /** `--max-cost USD`. */
  maxCost?: number;
  /** `--max-tokens N`. */
  maxTokens?: number;
  /** `--max-calls N`. */
  maxCalls?: number;
  /** `--replay-drift report|fail`. */
  replayDrift?: "report" | "fail";
  /** `--durable`. */
  durable: boolean;
  /** `--database-url URL`. */
  databaseUrl?: string;
  /** `--approval-timeout DURATION`, in milliseconds. */
  approvalTimeout?: number;
  /** `--input-json JSON` or `--input-json @FILE`, as given. */
  inputJson?: string;
}

/** What parsing decided: run with these arguments, or exit (after `--help` or `--version`). */
export type ParsedCommandLine = { type: "run"; arguments: CliArguments } | { type: "exit"; code: number };

/** What commander hands back: every flag as given, `-v` counted, booleans absent when not given. */
type RawOptions = Partial<Omit<CliArguments, "positionals" | "verbosity">> & { verbose: number };

/** Where help and version text go. */
export interface ParseOutput {
  stdout: TextOutput;
}

/**
 * Parses `argv` (the arguments after the program name). `--help` and `--version` print to
 * stdout and return `{ type: "exit", code: 0 }`.
 *
 * Contract: throws UsageError for an unknown option, a missing or invalid option value.
 */
export function parseCliArguments(
  argv: readonly string[],
  version: string,
  output: ParseOutput,
): ParsedCommandLine {
  const program = createProgram(version, output);
  if (parseWithCommander(program, argv, "llm-do") === "exited") return { type: "exit", code: 0 };
  const { verbose, set, approveAll, rejectAll, headless, tui, chat, json, debug, durable, ...given } =
    program.opts<RawOptions>();
  return {
    type: "run",
    arguments: {
      ...given,
      positionals: program.args,
      set: set ?? [],
      approveAll: approveAll === true,
      rejectAll: rejectAll === true,
      headless: headless === true,
      tui: tui === true,
      chat: chat === true,
      json: json === true,
      verbosity: verbose,
      debug: debug === true,
      durable: durable === true,
    },
  };
}

/** True when `argv` asks for JSON output (before any `--`), even if it does not parse. */
export function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

function createProgram(version: string, output: ParseOutput): Command {
  return new Command("llm-do")
    .usage("[FILE...] [PROMPT...] [options]")
    .description(HELP_DESCRIPTION)
    .argument("[FILE_OR_PROMPT...]")
    .option("-e, --entry <name>", "the worker or tool to run (default: main, or the project file's entry)")
    .option(
      "-m, --model <model>",
      "model for the entry worker (provider:model-id); beats front matter and LLM_DO_MODEL",
    )
    .option(
      "-s, --set <key=value>",
      "override the entry worker's front matter, e.g. model=... or toolsets.shell.default.approval_required=false (repeatable)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      "--input-json <json>",
      "the entry's input as a JSON object (inline, or @FILE), checked against its schema; instead of a prompt",
    )
    .option("--approve-all", "approve every call that needs approval")
    .option("--reject-all", "deny every call that needs approval (the model is told and continues)")
    .option("--headless", "no TUI: result on stdout, progress (-v) and errors on stderr")
    .option("--tui", "force the interactive terminal UI")
    .option("--chat", "keep the TUI open for more turns")
    .option("--json", "write the event stream as NDJSON on stderr (headless)")
    .option(
      "-v, --verbose",
      "show progress on stderr: -v calls, tools, approvals and usage; -vv also streams text",
      (_value: string, previous: number) => previous + 1,
      0,
    )
    .addOption(maxDepthOption())
    .addOption(
      new Option(
        "--max-steps <n>",
        `most model requests in one worker call (default ${DEFAULT_MAX_STEPS}); a worker's max_steps wins`,
      ).argParser(parsePositiveInteger),
    )
    .addOption(
      new Option(
        "--idle-timeout <seconds>",
        `retry a model request that receives nothing for this long (default ${defaultRequestTimeouts.idleMs / 1000}); a worker's idle_timeout wins`,
      ).argParser(parseSeconds),
    )
    .addOption(
      new Option(
        "--request-timeout <seconds>",
        `retry a model request that takes longer than this (default ${defaultRequestTimeouts.requestMs / 1000}); a worker's request_timeout wins`,
      ).argParser(parseSeconds),
    )
    .option(
      "--record <file>",
      "record every model exchange and approval to FILE (YAML; .jsonl for JSON lines)",
    )
    .option("--trace <file>", "write the call tree with timings, usage and cost to FILE (see llm-do trace)")
    .addOption(maxCostOption("run"))
    .addOption(maxTokensOption("run"))
    .addOption(maxCallsOption("run"))
    .addOption(replayDriftOption())
    .option(
      "--durable",
      "record each model request and tool call in Postgres: killed, the same command again resumes (headless)",
    )
    .option("--database-url <url>", "the Postgres of --durable (default: llm-do's own, under .llm-do/)")
    .addOption(approvalTimeoutOption())
    .option("--debug", "show stack traces for errors")
    .version(version, "-V, --version", "print the llm-do version")
    .helpOption("-h, --help", "show this help")
    .addHelpText("after", HELP_AFTER)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.stdout.write(text),
      writeErr: (text) => output.stdout.write(text),
      outputError: () => {},
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_MS / 1000) {
    throw new InvalidArgumentError(
      `expected a number of seconds above 0 and at most ${MAX_TIMEOUT_MS / 1000}`,
    );
  }
  return seconds;
}

/**
 * Parses `argv` with `program` (set up with `exitOverride`). Returns "exited" when commander
 * printed help or the version. Contract: throws UsageError `<message> (see <command> --help)`
 * for anything it refuses.
 */
export function parseWithCommander(
  program: Command,
  argv: readonly string[],
  command: string,
): "parsed" | "exited" {
  try {
    program.parse([...argv], { from: "user" });
    return "parsed";
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return "exited";
    throw new UsageError(`${commanderMessage(error)} (see ${command} --help)`);
  }
}

/** A commander error as one line. */
export function commanderMessage(error: CommanderError): string {
  return error.message
    .replace(/^error: /, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}
