/**
 * @module `llm-do approvals list|approve|deny`: the calls of durable runs that wait for a
 * person, and the decisions that let them go on. A decision is written with the DBOS message
 * that wakes the run, in one transaction (`DBOSClient`; no runtime is launched), whether or not a
 * process runs it now: a run resumed later finds it.
 */
import os from "node:os";
import { Command } from "commander";
import type {
  ApprovalRequests,
  GivenDecision,
  StoredApprovalRequest,
} from "../../durable/approvals/approval-requests.js";
import { UsageError } from "../../errors.js";
import type { CliIo } from "../cli-io.js";
import { parseWithCommander } from "../parse-cli-arguments.js";
import { toJsonLine } from "../to-json-line.js";
import { openDurableRequests } from "./open-durable-requests.js";

/** What the arguments ask for. */
export type ApprovalsCommand =
  | { type: "help" }
  | { type: "list"; databaseUrl?: string; json: boolean }
  | { type: "decide"; id: string; decision: GivenDecision; by?: string; databaseUrl?: string; json: boolean };

/** Parses the arguments after `approvals`. Contract: throws UsageError for anything else. */
export function parseApprovalsArguments(
  argv: readonly string[],
  io: { stdout: CliIo["stdout"] },
): ApprovalsCommand {
  let command: ApprovalsCommand = { type: "help" };
  const database = (program: Command) =>
    program
      .option("--database-url <url>", "the Postgres of durable runs (default: llm-do's own, under .llm-do/)")
      .option("--json", "write JSON lines");
  const program = new Command("llm-do approvals")
    .description("Decide the calls of durable runs that wait for a person.")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stdout.write(text),
      outputError: () => {},
    });
  database(program.command("list").description("show pending requests across runs")).action((options) => {
    command = { type: "list", json: options.json === true, ...url(options) };
  });
  const decide = (type: "approve" | "deny") => {
    const sub = program.command(`${type} <id>`).option("--by <name>", "who decides (default: user@host)");
    if (type === "approve")
      sub.option("--session", "also approve the same call with the same arguments later in the run");
    else sub.option("--note <text>", "why: the model reads it");
    database(
      sub.description(type === "approve" ? "let the call run" : "deny the call (the model is told)"),
    ).action((id: string, options: Record<string, unknown>) => {
      const decision: GivenDecision =
        type === "approve"
          ? { type: "approved", remember: options.session === true ? "session" : "once" }
          : { type: "denied", ...(typeof options.note === "string" ? { note: options.note } : {}) };
      command = {
        type: "decide",
        id,
        decision,
        json: options.json === true,
        ...(typeof options.by === "string" ? { by: options.by } : {}),
        ...url(options),
      };
    });
  };
  decide("approve");
  decide("deny");
  if (parseWithCommander(program, argv, "llm-do approvals") === "exited") return { type: "help" };
  if (argv.length === 0) program.outputHelp();
  return command;
}

/** Runs the subcommand and returns its exit code. Contract: throws what main reports. */
export async function runApprovalsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseApprovalsArguments(argv, io);
  if (command.type === "help") return 0;
  const opened = await openDurableRequests(command.databaseUrl, io);
  try {
    if (command.type === "list") {
      const pending = opened ? await opened.requests.pending() : [];
      io.stdout.write(
        command.json ? pending.map((request) => toJsonLine(request)).join("") : formatPending(pending),
      );
      return 0;
    }
    if (!opened)
      throw new UsageError(`no approval request '${command.id}': no durable run ever ran in ${io.cwd}`);
    const decided = await decideRequest(opened.requests, opened.url, command);
    io.stdout.write(command.json ? toJsonLine(decided) : `${describeDecided(decided)}\n`);
    return 0;
  } finally {
    await opened?.close();
  }
}

async function decideRequest(
  requests: ApprovalRequests,
  databaseUrl: string,
  command: Extract<ApprovalsCommand, { type: "decide" }>,
): Promise<StoredApprovalRequest> {
  const { DBOSClient } = await import("@dbos-inc/dbos-sdk");
  const { DBOS_APPLICATION } = await import("../../durable/durable-engine.js");
  const client = await DBOSClient.create({
    systemDatabaseUrl: databaseUrl,
    applicationName: DBOS_APPLICATION,
  });
  try {
    const signature = { by: command.by ?? defaultSigner(), at: new Date().toISOString() };
    return await requests.decide(command.id, command.decision, signature, (transaction, workflowId, topic) =>
      client.sendInTransaction(transaction, workflowId, { ...command.decision, ...signature }, topic, topic),
    );
  } finally {
    await client.destroy();
  }
}

/** `user@host` of this process. */
export function defaultSigner(): string {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    user = undefined;
  }
  return `${user || process.env.USER || "unknown"}@${os.hostname()}`;
}

/** Pending requests as lines for people. */
export function formatPending(pending: readonly StoredApprovalRequest[]): string {
  if (pending.length === 0) return "No approval requests are waiting.\n";
  const lines = pending.flatMap((request) => [
    `${request.id}  ${request.description}`,
    `    run ${request.workflowId} · call ${request.callKey} · worker ${request.caller} · requested ${request.requestedAt}${request.expiresAt ? ` · denied at ${request.expiresAt} if undecided` : ""}`,
  ]);
  return `${lines.join("\n")}\n`;
}

function describeDecided(request: StoredApprovalRequest): string {
  const { state } = request;
  if (state.type === "pending") return `${request.id} is pending`;
  const what =
    state.type === "approved"
      ? `approved${state.remember === "session" ? " for the session" : ""}`
      : state.type === "denied"
        ? `denied${state.note ? ` (${state.note})` : ""}`
        : "timed out";
  return `${request.id} ${what} by ${state.signature.by} at ${state.signature.at}: ${request.description} (run ${request.workflowId})`;
}

function url(options: Record<string, unknown>): { databaseUrl?: string } {
  return typeof options.databaseUrl === "string" ? { databaseUrl: options.databaseUrl } : {};
}
