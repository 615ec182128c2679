/**
 * @module The `llm-do batch` command line, parsed with commander into plain options.
 */
import { Command, Option } from "commander";
import { UsageError } from "../../errors.js";
import type { TextOutput } from "../cli-io.js";
import { parseWithCommander } from "../parse-cli-arguments.js";
import {
  approvalTimeoutOption,
  maxCallsOption,
  maxCostOption,
  maxDepthOption,
  maxTokensOption,
  parsePositiveInteger,
  replayDriftOption,
} from "../shared-options.js";

/** The flags and positional arguments of `llm-do batch`. */
export interface BatchArguments {
  /** Files, then the prompt sent with each file of a folder of items. */
  positionals: string[];
  /** `--inputs ITEMS`. */
  inputs: string;
  /** `--out RESULTS`. */
  out: string;
  /** `--concurrency N` (default 4): items this process runs at once. */
  concurrency: number;
  /** False with `--no-durable`. */
  durable: boolean;
  /** `--database-url URL`. */
  databaseUrl?: string;
  /** `--approval-timeout DURATION`, in milliseconds. */
  approvalTimeoutMs?: number;
  /** `--enqueue-only`: put the items on the queue for runners, and exit. */
  enqueueOnly: boolean;
  entry: string;
  model?: string;
  set: string[];
  approveAll: boolean;
  rejectAll: boolean;
  maxDepth?: number;
  /** `--record DIR`. */
  record?: string;
  /** `--trace DIR`. */
  trace?: string;
  maxCost?: number;
  maxTokens?: number;
  maxCalls?: number;
  replayDrift?: "report" | "fail";
  json: boolean;
  debug: boolean;
}

/** What parsing decided: run, or exit after `--help`. */
export type ParsedBatchCommand = { type: "run"; arguments: BatchArguments } | { type: "exit"; code: number };

/** Default items at a time. */
export const DEFAULT_CONCURRENCY = 4;

const BATCH_AFTER = `
ITEMS is a JSON Lines file (each line one input: a string, or an object for the entry's
schema_in), or a folder (each file one item, attached to the input; prompt words, if any,
are the text sent with it). RESULTS gets one JSON line per item as it finishes: its key,
input, outcome, output or error, usage and cost.

Durable by default: each item is a durable run in Postgres (llm-do's own, started under
.llm-do/ in this folder, or --database-url / LLM_DO_DATABASE_URL). Killed, the same command
again skips finished items and resumes the others without sending finished model requests
or repeating finished tool calls. Items go through a queue in the database: an llm-do runner
with the same files takes items too; --enqueue-only only queues them (run the same command
again to collect the results). Without --approve-all or --reject-all, a call that needs
approval waits for a person: llm-do approvals list, then approve or deny it (from any
terminal, even after the batch was killed). See docs/durable.md.

Exit codes: 0 every item succeeded, 1 an item failed or the batch stopped early, 2 usage
error, 130 interrupted.

Examples:
  llm-do batch main.worker --inputs questions.jsonl --out answers.jsonl
  llm-do batch review.worker --inputs decks/ --out reviews.jsonl "Review this deck"
  llm-do batch main.worker tools.ts --inputs items.jsonl --out out.jsonl --concurrency 8 --max-cost 5
  llm-do batch main.worker --inputs items.jsonl --out out.jsonl --database-url "$DB" --enqueue-only
`;

/**
 * Parses the arguments after `batch`. Contract: throws UsageError for an unknown option, a bad
 * value, a missing `--inputs` or `--out`, or `--approve-all` with `--reject-all`.
 */
export function parseBatchArguments(
  argv: readonly string[],
  output: { stdout: TextOutput },
): ParsedBatchCommand {
  const program = createProgram(output);
  if (parseWithCommander(program, argv, "llm-do batch") === "exited") return { type: "exit", code: 0 };
  const options = program.opts<Record<string, unknown>>();
  if (options.approveAll && options.rejectAll)
    throw new UsageError("Cannot combine --approve-all and --reject-all");
  if (options.enqueueOnly && options.durable === false)
    throw new UsageError("Cannot combine --enqueue-only and --no-durable: only durable items can be queued");
  const optional = <Key extends keyof BatchArguments>(key: Key) =>
    options[key] !== undefined ? { [key]: options[key] as BatchArguments[Key] } : {};
  return {
    type: "run",
    arguments: {
      positionals: program.args,
      inputs: options.inputs as string,
      out: options.out as string,
      concurrency: (options.concurrency as number | undefined) ?? DEFAULT_CONCURRENCY,
      durable: options.durable !== false,
      enqueueOnly: options.enqueueOnly === true,
      entry: options.entry as string,
      set: (options.set as string[] | undefined) ?? [],
      approveAll: options.approveAll === true,
      rejectAll: options.rejectAll === true,
      json: options.json === true,
      debug: options.debug === true,
      ...optional("databaseUrl"),
      ...(options.approvalTimeout !== undefined
        ? { approvalTimeoutMs: options.approvalTimeout as number }
        : {}),
      ...optional("model"),
      ...optional("maxDepth"),
      ...optional("record"),
      ...optional("trace"),
      ...optional("maxCost"),
      ...optional("maxTokens"),
      ...optional("maxCalls"),
      ...optional("replayDrift"),
    },
  };
}

function createProgram(output: { stdout: TextOutput }): Command {
  return new Command("llm-do batch")
    .usage("FILE... --inputs ITEMS --out RESULTS [PROMPT...] [options]")
    .description("Run the entry once per item of ITEMS, writing each result to RESULTS as it finishes.")
    .argument("[FILE_OR_PROMPT...]")
    .requiredOption("--inputs <items>", "a JSON Lines file of inputs, or a folder of files")
    .requiredOption("--out <results>", "the JSON Lines file results are appended to")
    .addOption(
      new Option(
        "--concurrency <n>",
        `items run at the same time by each process (default ${DEFAULT_CONCURRENCY})`,
      ).argParser(parsePositiveInteger),
    )
    .option("--no-durable", "run without a database: a killed batch restarts its unfinished items")
    .option("--database-url <url>", "the Postgres of durable runs (default: llm-do's own, under .llm-do/)")
    .option("--enqueue-only", "put the items on the queue for llm-do runner processes, and exit")
    .option("-e, --entry <name>", "the worker or tool to run", "main")
    .option("-m, --model <model>", "model for the entry worker (provider:model-id)")
    .option(
      "-s, --set <key=value>",
      "override the entry worker's front matter (repeatable)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option("--approve-all", "approve every call that needs approval")
    .option("--reject-all", "deny every call that needs approval (the model is told and continues)")
    .addOption(approvalTimeoutOption())
    .addOption(maxDepthOption())
    .option("--record <dir>", "record each item's model exchanges to DIR/KEY.replay")
    .option("--trace <dir>", "write each item's call tree to DIR/KEY.json")
    .addOption(maxCostOption("batch"))
    .addOption(maxTokensOption("batch"))
    .addOption(maxCallsOption("batch"))
    .addOption(replayDriftOption())
    .option("--json", "write the batch's progress as NDJSON records on stderr")
    .option("--debug", "show stack traces for errors")
    .helpOption("-h, --help", "show this help")
    .addHelpText("after", BATCH_AFTER)
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
