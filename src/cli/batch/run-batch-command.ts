/**
 * @module `llm-do batch FILE... --inputs ITEMS --out RESULTS`: the wiring of the command. Reads
 * the items, opens the results file (one batch at a time per file), loads the project once,
 * opens the durable store unless `--no-durable` (DBOS and Postgres are imported only then), runs
 * the batch and reports it. Decisions live in `src/batch/` and `src/durable/`.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { readBatchItems } from "../../batch/read-batch-items.js";
import { ResultsFile } from "../../batch/results-file.js";
import { type BatchSummary, type ItemRunner, runBatch } from "../../batch/run-batch.js";
import { type ItemFiles, type ItemRunOptions, runBatchItem } from "../../batch/run-batch-item.js";
import type { Budget } from "../../budget/budget.js";
import { pendingApprovalMessage } from "../../durable/approvals/pending-approval-message.js";
import type { BatchItemService, BatchItemSpec } from "../../durable/durable-batch-items.js";
import { maskPassword } from "../../durable/mask-password.js";
import type { DurableStore } from "../../durable/open-durable-store.js";
import { resolveDatabase } from "../../durable/resolve-database.js";
import { loadProject, type Project } from "../../registry/load-project.js";
import { acquireLock } from "../../util/process-lease.js";
import { parseSetOverride } from "../../worker/set-override.js";
import { captureModelWarnings } from "../capture-model-warnings.js";
import { checkFiles } from "../check-files.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_ABORTED, EXIT_FAILURE, EXIT_OK, exitCodeFor } from "../exit-codes.js";
import { errorRecord, formatErrorText } from "../format-error.js";
import { headerRecord } from "../header-record.js";
import { projectLoader } from "../project-loader.js";
import { projectRateLimits } from "../project-rate-limits.js";
import { splitPositionals } from "../split-positionals.js";
import { writeJsonLine } from "../to-json-line.js";
import { type BatchReporter, createBatchReporter } from "./batch-reporter.js";
import { type BatchArguments, parseBatchArguments } from "./parse-batch-arguments.js";

/** What the command needs from `main`. */
export interface BatchCommandContext {
  io: CliIo;
  /** Aborted by Ctrl+C. */
  signal: AbortSignal;
  version: string;
}

/**
 * Runs the command and returns its exit code: 0 every item succeeded, 1 an item failed or the
 * batch stopped early, 130 interrupted. Contract: throws UsageError, ConfigError and the like
 * for problems found before the batch starts (main reports them).
 */
export async function runBatchCommand(
  argv: readonly string[],
  context: BatchCommandContext,
): Promise<number> {
  const { io } = context;
  const parsed = parseBatchArguments(argv, io);
  if (parsed.type === "exit") return parsed.code;
  const options = parsed.arguments;
  if (!options.json) return runBatchArguments(options, context);
  writeJsonLine(io.stderr, headerRecord(context.version));
  try {
    return await runBatchArguments(options, context);
  } catch (error) {
    // The header is written: the error is the stream's last record.
    writeJsonLine(io.stderr, errorRecord(error, { debug: options.debug }));
    return exitCodeFor(error);
  }
}

async function runBatchArguments(options: BatchArguments, context: BatchCommandContext): Promise<number> {
  const { io } = context;
  const { files, promptWords } = splitPositionals(options.positionals);
  checkFiles(files, io.cwd);
  const items = await readBatchItems(options.inputs, {
    cwd: io.cwd,
    ...(promptWords.length > 0 ? { prompt: promptWords.join(" ") } : {}),
  });
  const itemFiles = await prepareItemFiles(options, io.cwd);
  const resultsPath = path.resolve(io.cwd, options.out);
  const releaseLock = await acquireLock(`${resultsPath}.lock`, {
    timeoutMs: 0,
    what: `The batch writing ${options.out}`,
  });
  const results = ResultsFile.open(resultsPath, options.out);
  const reporter = createBatchReporter({ io, json: options.json, terminal: io.stderrIsTTY === true });
  const releaseWarnings = captureModelWarnings((warning) => reporter.warn(warning.message));
  let store: DurableStore | undefined;
  try {
    const project = await loadProject({
      files,
      cwd: io.cwd,
      entry: options.entry,
      ...(options.set.length > 0 ? { overrides: options.set.map(parseSetOverride) } : {}),
    });
    const runOptions: ItemRunOptions & ItemFiles = { ...baseRunOptions(options, io), project, ...itemFiles };
    let runItem: ItemRunner = (item, control) => runBatchItem(item, runOptions, control);
    let interrupt: ((keys: readonly string[]) => Promise<void>) | undefined;
    const pending = items.filter((item) => !results.done.has(item.key));
    let parallel: number | undefined;
    // A batch whose items all have results has nothing to resume: no database needed.
    if (options.durable && pending.length > 0) {
      const queued = await queuedItems(options, io, files, project, reporter);
      store = queued.store;
      const batch = queued.service.batch(results.identity(), itemSpec(options, files, io.cwd));
      const { recordBatch } = await import("../../durable/runs/batch-records.js");
      await recordBatch((await store.approvalRequests()).pool, {
        id: results.identity(),
        resultsFile: resultsPath,
        total: items.length,
      });
      if (options.enqueueOnly) {
        await batch.enqueue(pending);
        io.stdout.write(enqueuedText(options, files, pending.length, items.length, queued.service.queue));
        return EXIT_OK;
      }
      runItem = batch.runItem;
      interrupt = batch.interrupt;
      // Every item waits on the queue at once, for this process and any runner to take.
      parallel = pending.length;
    } else if (options.enqueueOnly) {
      io.stdout.write(`Nothing to enqueue: every item is in ${options.out}\n`);
      return EXIT_OK;
    }
    const summary = await runBatch({
      items,
      results,
      concurrency: options.concurrency,
      ...(parallel !== undefined ? { parallel } : {}),
      runItem,
      ...(interrupt ? { interrupt } : {}),
      ...budgetOf(options),
      durable: options.durable,
      signal: context.signal,
      onEvent: (event) => reporter.onBatchEvent(event),
      onRunEvent: (key, event) => reporter.onRunEvent(key, event),
    });
    return report(summary, options, reporter, io);
  } finally {
    releaseWarnings();
    await store?.close();
    results.close();
    releaseLock();
  }
}

function report(summary: BatchSummary, options: BatchArguments, reporter: BatchReporter, io: CliIo): number {
  reporter.finish(summary, options.out);
  if (summary.outcome === "ok") return EXIT_OK;
  if (summary.outcome === "failed") return EXIT_FAILURE;
  const error = summary.error;
  if (options.json) writeJsonLine(io.stderr, errorRecord(error, { debug: options.debug }));
  else io.stderr.write(formatErrorText(error, { debug: options.debug }));
  return summary.outcome === "aborted" ? EXIT_ABORTED : EXIT_FAILURE;
}

/**
 * Opens the durable store with this process serving the batch's items queue (and provider
 * queues), and the batch item service on it.
 */
async function queuedItems(
  options: BatchArguments,
  io: CliIo,
  files: readonly string[],
  project: Project,
  reporter: BatchReporter,
): Promise<{ store: DurableStore; service: BatchItemService }> {
  const database = resolveDatabase({
    ...(options.databaseUrl !== undefined ? { flag: options.databaseUrl } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const [{ openDurableStore }, { batchItemService, itemsQueueName, specFiles }] = await Promise.all([
    import("../../durable/open-durable-store.js"),
    import("../../durable/durable-batch-items.js"),
  ]);
  const spec = specFiles(files, io.cwd);
  const store = await openDurableStore({
    database,
    concurrency: options.concurrency,
    // Queuing only: this process takes no items.
    itemQueues: options.enqueueOnly
      ? []
      : [{ name: itemsQueueName(spec), workerConcurrency: options.concurrency }],
    rateLimits: projectRateLimits(io.cwd),
    env: io.env,
    cwd: io.cwd,
    onLog: (level, message) => reporter.warn(`durable engine ${level}: ${message}`),
  });
  const loadSpecProject = projectLoader(io.cwd, { entry: options.entry, set: options.set, project });
  const service = batchItemService({
    engine: store.engine,
    files: spec,
    cwd: io.cwd,
    env: io.env,
    loadProject: loadSpecProject,
    modelRequests: store.modelRequests,
    approvals: {
      requests: await store.approvalRequests(),
      onPending: (request) => reporter.warn(pendingApprovalMessage(request)),
    },
  });
  if (!options.enqueueOnly) service.serve();
  return { store, service };
}

/** How the batch's items are run, wherever they run. */
function itemSpec(options: BatchArguments, files: readonly string[], cwd: string): BatchItemSpec {
  const relative = (dir: string) =>
    path.relative(cwd, path.resolve(cwd, dir)).split(path.sep).join("/") || ".";
  return {
    type: "batch-item",
    files: files.map(relative),
    entry: options.entry,
    set: options.set,
    ...(options.model !== undefined ? { model: options.model } : {}),
    approval: approvalOf(options),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.replayDrift !== undefined ? { replayDrift: options.replayDrift } : {}),
    ...(options.approvalTimeoutMs !== undefined ? { approvalTimeoutMs: options.approvalTimeoutMs } : {}),
    ...(options.trace !== undefined ? { trace: relative(options.trace) } : {}),
    ...(options.record !== undefined ? { record: relative(options.record) } : {}),
  };
}

function enqueuedText(
  options: BatchArguments,
  files: readonly string[],
  count: number,
  total: number,
  queue: string,
): string {
  const already = total - count;
  const database =
    options.databaseUrl !== undefined ? ` --database-url ${maskPassword(options.databaseUrl)}` : "";
  return [
    `Enqueued ${count} item${count === 1 ? "" : "s"} on ${queue}${already > 0 ? ` (${already} already in ${options.out})` : ""}.`,
    `Run them: llm-do runner ${files.join(" ")}${database}`,
    "Collect the results: the same command without --enqueue-only",
    "",
  ].join("\n");
}

function approvalOf(options: BatchArguments): BatchItemSpec["approval"] {
  return options.approveAll ? "approve_all" : options.rejectAll ? "reject_all" : "fail";
}

function baseRunOptions(options: BatchArguments, io: CliIo): Omit<ItemRunOptions, "project"> {
  return {
    entry: options.entry,
    approval: approvalOf(options),
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
    ...(options.replayDrift !== undefined ? { replayDrift: options.replayDrift } : {}),
    cwd: io.cwd,
    env: io.env,
    // This process registers no tracer provider: the OpenTelemetry API need not load.
    telemetry: false,
  };
}

async function prepareItemFiles(options: BatchArguments, cwd: string): Promise<ItemFiles> {
  const files: ItemFiles = {};
  if (options.trace !== undefined) {
    files.traceDirectory = path.resolve(cwd, options.trace);
    await mkdir(files.traceDirectory, { recursive: true });
  }
  if (options.record !== undefined) {
    files.recordDirectory = path.resolve(cwd, options.record);
    await mkdir(files.recordDirectory, { recursive: true });
  }
  return files;
}

function budgetOf(options: BatchArguments): { budget?: Budget } {
  const budget: Budget = {
    ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.maxCalls !== undefined ? { maxCalls: options.maxCalls } : {}),
  };
  return Object.keys(budget).length > 0 ? { budget } : {};
}
