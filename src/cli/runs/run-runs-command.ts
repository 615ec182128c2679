/**
 * @module `llm-do runs list|show|cancel|resume`: the durable runs and batches of a database,
 * read through `DBOSClient` (no runtime is launched) and llm-do's own tables. Decisions about
 * what the workflows add up to live in `src/durable/runs/`.
 */

import type { WorkflowStatus } from "@dbos-inc/dbos-sdk";
import { Command } from "commander";
import { itemsQueueName } from "../../durable/durable-batch-items.js";
import type { RunSummary } from "../../durable/runs/summarize-runs.js";
import { NotFoundError } from "../../errors.js";
import { formatCost } from "../../trace/format-trace-tree.js";
import { type OpenedRequests, openDurableRequests } from "../approvals/open-durable-requests.js";
import type { CliIo } from "../cli-io.js";
import { parseWithCommander } from "../parse-cli-arguments.js";
import { toJsonLine } from "../to-json-line.js";

/**
 * The queue `llm-do runs resume` puts runs on. No process takes work from it by itself: a
 * resumed run goes on when its command runs again (or a process that listens to it does).
 */
export const RESUMED_QUEUE = "llm-do-resumed";

/** What the arguments ask for. */
export type RunsCommand =
  | { type: "help" }
  | { type: "list" | "show" | "cancel" | "resume"; id?: string; databaseUrl?: string; json: boolean };

/** Parses the arguments after `runs`. Contract: throws UsageError for anything else. */
export function parseRunsArguments(argv: readonly string[], io: { stdout: CliIo["stdout"] }): RunsCommand {
  let command: RunsCommand = { type: "help" };
  const program = new Command("llm-do runs")
    .description("Durable runs and batches: status, progress, usage, cost and pending approvals.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stdout.write(text),
      outputError: () => {},
    });
  const descriptions = {
    list: "list durable runs and batches",
    show: "show a batch's items, or a run's recorded steps as a call tree",
    cancel: "interrupt a run, or every unfinished item of a batch",
    resume: "queue an interrupted run (or a batch's interrupted items) to go on",
  } as const;
  for (const type of ["list", "show", "cancel", "resume"] as const) {
    program
      .command(type === "list" ? "list" : `${type} <id>`)
      .description(descriptions[type])
      .option("--database-url <url>", "the Postgres of durable runs (default: llm-do's own, under .llm-do/)")
      .option("--json", "write JSON lines")
      .action((...args: unknown[]) => {
        const options = (type === "list" ? args[0] : args[1]) as Record<string, unknown>;
        command = {
          type,
          json: options.json === true,
          ...(type === "list" ? {} : { id: args[0] as string }),
          ...(typeof options.databaseUrl === "string" ? { databaseUrl: options.databaseUrl } : {}),
        };
      });
  }
  if (parseWithCommander(program, argv, "llm-do runs") === "exited") return { type: "help" };
  if (argv.length === 0) program.outputHelp();
  return command;
}

/** Runs the subcommand and returns its exit code. Contract: throws what main reports. */
export async function runRunsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseRunsArguments(argv, io);
  if (command.type === "help") return 0;
  const opened = await openDurableRequests(command.databaseUrl, io);
  if (!opened) {
    if (command.type === "list") {
      io.stdout.write(command.json ? "" : "No durable runs.\n");
      return 0;
    }
    throw new NotFoundError(`no durable run or batch '${command.id}': no durable run ever ran in ${io.cwd}`);
  }
  const { DBOSClient } = await import("@dbos-inc/dbos-sdk");
  const { DBOS_APPLICATION } = await import("../../durable/durable-engine.js");
  const client = await DBOSClient.create({
    systemDatabaseUrl: opened.url,
    applicationName: DBOS_APPLICATION,
  });
  try {
    const context = { client, opened, io, json: command.json };
    if (command.type === "list") return await listRuns(context);
    // Non-null: the parser sets an id for every command but list.
    const id = command.id!;
    if (command.type === "show") return await showRun(context, id);
    return await changeRuns(context, command.type, id);
  } finally {
    await client.destroy();
    await opened.close();
  }
}

type Client = Awaited<ReturnType<typeof import("@dbos-inc/dbos-sdk")["DBOSClient"]["create"]>>;

interface Context {
  client: Client;
  opened: OpenedRequests;
  io: CliIo;
  json: boolean;
}

const WORKFLOW_NAME = "llm-do.run";

async function summaries(context: Context): Promise<RunSummary[]> {
  const [{ summarizeRuns }, { listBatches }] = await Promise.all([
    import("../../durable/runs/summarize-runs.js"),
    import("../../durable/runs/batch-records.js"),
  ]);
  const workflows = await context.client.listWorkflows({ workflowName: WORKFLOW_NAME, loadInput: false });
  const pending = new Map<string, number>();
  for (const request of await context.opened.requests.pending()) {
    pending.set(request.workflowId, (pending.get(request.workflowId) ?? 0) + 1);
  }
  return summarizeRuns(workflows, await listBatches(context.opened.requests.pool), pending);
}

async function listRuns(context: Context): Promise<number> {
  const runs = await summaries(context);
  if (context.json) context.io.stdout.write(runs.map((run) => toJsonLine(run)).join(""));
  else
    context.io.stdout.write(
      runs.length === 0 ? "No durable runs.\n" : `${runs.map(formatSummary).join("\n")}\n`,
    );
  return 0;
}

/** One line for a run or a batch. */
export function formatSummary(run: RunSummary): string {
  const progress = `${run.done}/${run.total ?? "?"} done${run.failed > 0 ? `, ${run.failed} failed` : ""}`;
  const approvals =
    run.pendingApprovals > 0
      ? ` · ${run.pendingApprovals} pending approval${run.pendingApprovals === 1 ? "" : "s"}`
      : "";
  const usage =
    run.usage.requests > 0
      ? ` · ${run.usage.requests} requests, ${run.usage.totalTokens.toLocaleString("en-US")} tokens, ${formatCost(run.cost)}`
      : "";
  const file = run.resultsFile ? ` · ${run.resultsFile}` : "";
  return `${run.kind} ${run.id}  ${run.status}  ${progress}${approvals}${usage}${file}`;
}

async function showRun(context: Context, id: string): Promise<number> {
  const { client, opened, io } = context;
  const run = (await summaries(context)).find((summary) => summary.id === id);
  if (run?.kind === "batch") {
    const items = await itemsOf(client, id);
    const requests = await opened.requests.ofWorkflows({ prefix: `llm-do/batch/${id}/` });
    if (context.json) {
      io.stdout.write(toJsonLine({ ...run, items: items.map(describeItem), requests }));
      return 0;
    }
    const waiting = new Map(
      requests.filter((r) => r.state.type === "pending").map((r) => [r.workflowId, r.id]),
    );
    const lines = items.map((item) => {
      const key = item.workflowID.slice(`llm-do/batch/${id}/`.length);
      const approval = waiting.get(item.workflowID);
      return `  ${key}  ${statusWord(item)}${approval ? `  waits for approval ${approval}` : ""}`;
    });
    io.stdout.write(`${formatSummary(run)}\n${lines.join("\n")}\n`);
    return 0;
  }
  const status = await client.getWorkflow(id);
  if (!status || status.workflowName !== WORKFLOW_NAME) {
    throw new NotFoundError(`no durable run or batch '${id}' (llm-do runs list shows them)`);
  }
  const { formatRunSteps } = await import("../../durable/runs/format-run-steps.js");
  const steps = ((await client.listWorkflowSteps(id)) ?? []).map((step) => ({
    number: step.functionID,
    name: step.name,
    output: step.output,
  }));
  const requests = await opened.requests.ofWorkflows({ ids: [id] });
  if (context.json) {
    io.stdout.write(toJsonLine({ ...describeItem(status), steps, requests }));
    return 0;
  }
  io.stdout.write(`run ${id}  ${statusWord(status)}\n${formatRunSteps(steps, requests)}`);
  return 0;
}

async function changeRuns(context: Context, action: "cancel" | "resume", id: string): Promise<number> {
  const { client, io } = context;
  const candidates = /^llm-do\//.test(id) ? [await client.getWorkflow(id)] : await itemsOf(client, id);
  const found = candidates.filter(
    (status): status is WorkflowStatus => status?.workflowName === WORKFLOW_NAME,
  );
  if (found.length === 0)
    throw new NotFoundError(`no durable run or batch '${id}' (llm-do runs list shows them)`);
  const eligible =
    action === "cancel" ? ["PENDING", "ENQUEUED"] : ["CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED"];
  const ids = found.filter((status) => eligible.includes(status.status)).map((status) => status.workflowID);
  if (action === "cancel" && ids.length > 0) await client.cancelWorkflows(ids);
  if (action === "resume") {
    // A batch item goes back on its items queue, where any live runner with its files takes it.
    for (const status of found.filter((candidate) => ids.includes(candidate.workflowID)))
      await client.resumeWorkflow(status.workflowID, { queueName: resumeQueueOf(status) });
  }
  const count = `${ids.length} run${ids.length === 1 ? "" : "s"}`;
  const message =
    action === "cancel"
      ? ids.length === 0
        ? `nothing to cancel in ${id}: no unfinished run`
        : `cancelled ${count} of ${id}; the same command resumes them, as after Ctrl+C`
      : ids.length === 0
        ? `nothing to resume in ${id}: no interrupted run`
        : `queued ${count} of ${id} to resume; a runner with its files, or its command run again, takes them`;
  io.stdout.write(context.json ? toJsonLine({ action, id, workflows: ids }) : `${message}\n`);
  return 0;
}

/** A batch's item workflows, in the order of their keys (`2` before `10`). */
async function itemsOf(client: Client, batchId: string): Promise<WorkflowStatus[]> {
  const items = await client.listWorkflows({
    workflowName: WORKFLOW_NAME,
    workflow_id_prefix: `llm-do/batch/${batchId}/`,
    loadInput: false,
  });
  return items.sort((a, b) => a.workflowID.localeCompare(b.workflowID, "en", { numeric: true }));
}

function statusWord(status: WorkflowStatus): string {
  if (status.status !== "SUCCESS") return status.status.toLowerCase();
  const outcome = (status.output as { outcome?: string } | undefined)?.outcome;
  return outcome === "error" ? "failed" : "done";
}

function describeItem(status: WorkflowStatus) {
  return { workflowId: status.workflowID, status: status.status, output: status.output ?? null };
}

/** Where a resumed run waits: a batch item on its items queue, anything else on {@link RESUMED_QUEUE}. */
function resumeQueueOf(status: WorkflowStatus): string {
  const spec = (status.input?.[0] as { spec?: { type?: unknown; files?: unknown } } | undefined)?.spec;
  if (spec?.type === "batch-item" && Array.isArray(spec.files)) return itemsQueueName(spec.files as string[]);
  return RESUMED_QUEUE;
}
