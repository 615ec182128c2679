/**
 * @module `llm-do runner FILE...`: the wiring of the command. Opens the durable store serving the
 * items queue of its files and the provider queues, runs what it takes until Ctrl+C or SIGTERM,
 * then stops cleanly: no new items, the ones it was running aborted and handed back to the queue
 * (their finished steps kept), its heartbeat removed. Decisions live in `src/durable/`.
 */
import { resolveDatabase } from "../../durable/resolve-database.js";
import { checkFiles } from "../check-files.js";
import type { CliIo } from "../cli-io.js";
import { EXIT_ABORTED } from "../exit-codes.js";
import { projectLoader } from "../project-loader.js";
import { projectRateLimits } from "../project-rate-limits.js";
import { parseRunnerArguments } from "./parse-runner-arguments.js";

/** What the command needs from `main`. */
export interface RunnerCommandContext {
  io: CliIo;
  /** Aborted by Ctrl+C or SIGTERM: the runner stops. */
  signal: AbortSignal;
}

/**
 * Runs the command until its signal aborts and returns its exit code (130; main turns it into the
 * signal's own). Contract: throws UsageError, ConfigError, DurableStateError for problems found
 * before it starts (main reports them).
 */
export async function runRunnerCommand(
  argv: readonly string[],
  context: RunnerCommandContext,
): Promise<number> {
  const { io } = context;
  const parsed = parseRunnerArguments(argv, io);
  if (parsed.type === "exit") return parsed.code;
  const options = parsed.arguments;
  checkFiles(options.files, io.cwd);
  const rateLimits = projectRateLimits(io.cwd);
  const database = resolveDatabase({
    ...(options.databaseUrl !== undefined ? { flag: options.databaseUrl } : {}),
    env: io.env,
    cwd: io.cwd,
  });
  const [
    { openDurableStore },
    { batchItemService, itemsQueueName, specFiles },
    { maskPassword },
    { pendingApprovalMessage },
  ] = await Promise.all([
    import("../../durable/open-durable-store.js"),
    import("../../durable/durable-batch-items.js"),
    import("../../durable/mask-password.js"),
    import("../../durable/approvals/pending-approval-message.js"),
  ]);
  const files = specFiles(options.files, io.cwd);
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const store = await openDurableStore({
    database,
    concurrency: options.concurrency,
    itemQueues: [{ name: itemsQueueName(files), workerConcurrency: options.concurrency }],
    rateLimits,
    takeoverAfterMs: options.takeoverAfterMs,
    onTakeover: (executorId, runs) =>
      say(`Took over ${runs} unfinished run${runs === 1 ? "" : "s"} of stopped process ${executorId}`),
    env: io.env,
    cwd: io.cwd,
    onLog: (level, message) => say(`Warning: durable engine ${level}: ${message}`),
  });
  const service = batchItemService({
    engine: store.engine,
    files,
    cwd: io.cwd,
    env: io.env,
    loadProject: projectLoader(io.cwd),
    modelRequests: store.modelRequests,
    approvals: {
      requests: await store.approvalRequests(),
      onPending: (request) => say(pendingApprovalMessage(request)),
    },
    onItem: (event) => {
      if (event.type === "start") return;
      const { result } = event;
      const seconds = (result.durationMs / 1000).toFixed(1);
      say(
        result.outcome === "ok"
          ? `${event.batch} ${event.key}: ok (${seconds} s)`
          : `${event.batch} ${event.key}: failed (${seconds} s): ${result.error.message}`,
      );
    },
  });
  service.serve();
  const where = database.type === "url" ? maskPassword(store.databaseUrl) : "llm-do's own Postgres";
  say(`Runner ${store.engine.executorId} takes items of ${files.join(" ")} from ${where} (Ctrl+C stops it)`);
  try {
    if (!context.signal.aborted) {
      await new Promise((resolve) => context.signal.addEventListener("abort", resolve, { once: true }));
    }
    // No new work, then the items running here are aborted and handed back to the queue.
    await store.engine.stopListening();
    service.stop();
  } finally {
    await store.close();
  }
  say("Runner stopped: the items it was running are back on the queue");
  return EXIT_ABORTED;
}
