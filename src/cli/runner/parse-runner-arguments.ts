/**
 * @module The `llm-do runner` command line, parsed with commander into plain options.
 */
import { Command, Option } from "commander";
import { DEFAULT_TAKEOVER_AFTER_MS } from "../../durable/dead-runners.js";
import { DEFAULT_CONCURRENCY } from "../batch/parse-batch-arguments.js";
import type { TextOutput } from "../cli-io.js";
import { parseWithCommander } from "../parse-cli-arguments.js";
import { parsePositiveInteger, parsePositiveNumber } from "../shared-options.js";

/** The flags and files of `llm-do runner`. */
export interface RunnerArguments {
  /** The `.worker` and tool files. */
  files: string[];
  /** `--database-url URL`. */
  databaseUrl?: string;
  /** `--concurrency N`: items this process runs at once. */
  concurrency: number;
  /** `--takeover-after SECONDS`, in milliseconds. */
  takeoverAfterMs: number;
  debug: boolean;
}

/** What parsing decided: run, or exit after `--help`. */
export type ParsedRunnerCommand =
  | { type: "run"; arguments: RunnerArguments }
  | { type: "exit"; code: number };

const RUNNER_AFTER = `
A runner takes items of durable batches from their queue in Postgres: the batches of these
files (as given, relative to the working directory), queued by 'llm-do batch' (which runs
items too) or 'llm-do batch --enqueue-only'. Start any number of them, on any machines that
reach the database, each in a checkout of the project; model requests of rate-limited
providers are shared the same way (rate_limits in llm-do.yaml). Keys come from each runner's
environment. Ctrl+C (or SIGTERM) stops a runner: the items it was running go back to the
queue for others, finished steps kept. A runner that died without stopping is taken over
by a live one once it has been silent for --takeover-after seconds (at once on the same
machine). See docs/durable.md.

Exit codes: 130 stopped by Ctrl+C, 143 by SIGTERM, 1 the database failed, 2 usage error.

Examples:
  llm-do runner main.worker tools.ts --database-url postgresql://llm_do:secret@db:5432/llm_do
  LLM_DO_DATABASE_URL=postgresql://... llm-do runner main.worker tools.ts --concurrency 8
`;

/** Parses the arguments after `runner`. Contract: throws UsageError for a bad flag or value. */
export function parseRunnerArguments(
  argv: readonly string[],
  output: { stdout: TextOutput },
): ParsedRunnerCommand {
  const program = createProgram(output);
  if (parseWithCommander(program, argv, "llm-do runner") === "exited") return { type: "exit", code: 0 };
  const options = program.opts<Record<string, unknown>>();
  return {
    type: "run",
    arguments: {
      files: program.args,
      concurrency: (options.concurrency as number | undefined) ?? DEFAULT_CONCURRENCY,
      takeoverAfterMs: Math.round(
        ((options.takeoverAfter as number | undefined) ?? DEFAULT_TAKEOVER_AFTER_MS / 1000) * 1000,
      ),
      debug: options.debug === true,
      ...(options.databaseUrl !== undefined ? { databaseUrl: options.databaseUrl as string } : {}),
    },
  };
}

function createProgram(output: { stdout: TextOutput }): Command {
  return new Command("llm-do runner")
    .usage("FILE... [options]")
    .description("Take items of durable batches of FILE... from the queue until stopped.")
    .argument("<FILE...>")
    .option("--database-url <url>", "the Postgres of durable runs (default: llm-do's own, under .llm-do/)")
    .addOption(
      new Option(
        "--concurrency <n>",
        `items run at the same time (default ${DEFAULT_CONCURRENCY}; the items queue's setting, for every process)`,
      ).argParser(parsePositiveInteger),
    )
    .addOption(
      new Option(
        "--takeover-after <seconds>",
        `take over a process silent this long (default ${DEFAULT_TAKEOVER_AFTER_MS / 1000})`,
      ).argParser(parsePositiveNumber),
    )
    .option("--debug", "show stack traces for errors")
    .helpOption("-h, --help", "show this help")
    .addHelpText("after", RUNNER_AFTER)
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
