/**
 * @module `llm-do trace FILE [--html OUT]`: shows a trace written with `--trace` as a tree in
 * the terminal, or writes it as a self-contained HTML page.
 */
import path from "node:path";
import { ConfigError, errorMessage, UsageError } from "../errors.js";
import { replaceFile } from "../util/replace-file.js";
import { formatTraceTree } from "./format-trace-tree.js";
import { renderTraceHtml } from "./render-trace-html.js";
import { readTraceFile } from "./write-trace-file.js";

/** The help text of the subcommand. */
export const TRACE_HELP = `Usage: llm-do trace FILE [--html OUT]

Shows a trace written by 'llm-do ... --trace FILE': the call tree with each call's outcome,
duration, model requests, tokens and estimated cost (totals of its subtree), input and output.

Options:
  --html OUT   write a self-contained HTML page (collapsible tree, timings as bars) instead
  -h, --help   show this help
`;

/** What the subcommand writes to and where relative paths start. */
export interface TraceCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** What the arguments ask for. */
export type TraceCommand = { type: "help" } | { type: "show"; file: string; html?: string };

/** Parses the arguments after `trace`. Contract: throws UsageError for anything else. */
export function parseTraceArguments(argv: readonly string[]): TraceCommand {
  const files: string[] = [];
  let html: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    // Non-null: `index` is below `argv.length`.
    const argument = argv[index]!;
    if (argument === "-h" || argument === "--help") return { type: "help" };
    if (argument === "--html" || argument.startsWith("--html=")) {
      html = argument === "--html" ? argv[++index] : argument.slice("--html=".length);
      if (!html) throw new UsageError("option '--html <out>' needs a file name (see llm-do trace --help)");
      continue;
    }
    if (argument.startsWith("-"))
      throw new UsageError(`unknown option '${argument}' (see llm-do trace --help)`);
    files.push(argument);
  }
  if (files.length !== 1) {
    throw new UsageError(
      `${files.length === 0 ? "no trace file given" : `one trace file at a time (got ${files.join(", ")})`} (see llm-do trace --help)`,
    );
  }
  // Non-null: the files were counted above.
  return { type: "show", file: files[0]!, ...(html ? { html } : {}) };
}

/**
 * Runs the subcommand. Contract: throws UsageError for bad arguments and ConfigError when the
 * trace cannot be read or the page cannot be written; the caller maps them to exit codes.
 */
export async function runTraceCommand(argv: readonly string[], io: TraceCommandIo): Promise<void> {
  const command = parseTraceArguments(argv);
  if (command.type === "help") {
    io.stdout.write(TRACE_HELP);
    return;
  }
  const document = await readTraceFile(path.resolve(io.cwd, command.file), command.file);
  if (!command.html) {
    io.stdout.write(formatTraceTree(document));
    return;
  }
  try {
    // Whole or not at all: a page being replaced stays as it was if this fails or is killed.
    await replaceFile(path.resolve(io.cwd, command.html), renderTraceHtml(document));
  } catch (error) {
    throw new ConfigError(`cannot write ${command.html}: ${errorMessage(error)}`);
  }
  io.stderr.write(`Wrote ${command.html}\n`);
}
