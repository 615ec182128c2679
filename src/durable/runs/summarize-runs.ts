/**
 * @module `llm-do runs list`: durable workflows grouped into batches (item workflows
 * `llm-do/batch/BATCH/KEY`) and single runs (`llm-do/run/HASH`), each with its status,
 * progress, usage, cost and pending approvals. Pure: the command reads the workflows, the batch
 * records and the requests, and this decides what they add up to.
 */

import { type CostTotal, emptyCostTotal } from "../../models/estimate-cost.js";
import { addUsage, emptyUsage, type Usage } from "../../runtime/usage.js";
import { addTotal } from "../subtree-costs.js";
import type { BatchRecord } from "./batch-records.js";

/** A workflow as DBOS lists it (the fields this needs). */
export interface WorkflowRow {
  workflowID: string;
  /** DBOS's status: PENDING, ENQUEUED, SUCCESS, ERROR, CANCELLED, ... */
  status: string;
  output?: unknown;
  createdAt: number;
  updatedAt?: number;
}

/**
 * Where a run stands: `waiting` for a person, `unfinished` (running, or left by a killed process:
 * its command resumes it), `interrupted` (Ctrl+C, a budget, or `llm-do runs cancel`),
 * `incomplete` (a batch with items never started), `finished` (every item has its result; some
 * may have failed), `failed` (a single run that failed).
 */
export type RunStatus = "waiting" | "unfinished" | "interrupted" | "incomplete" | "finished" | "failed";

/** One batch or single run. */
export interface RunSummary {
  kind: "batch" | "run";
  /** The batch id, or the run's workflow id. */
  id: string;
  status: RunStatus;
  /** Items (or the run) with a result. */
  done: number;
  /** Of those, failed ones. */
  failed: number;
  /** Items in the batch (1 for a run); undefined for a batch this database has no record of. */
  total?: number;
  /** The batch's results file. */
  resultsFile?: string;
  /** Usage and cost of the finished items. */
  usage: Usage;
  cost: CostTotal;
  pendingApprovals: number;
  /** ISO time of the latest change. */
  updatedAt: string;
}

/** The batch id of an item workflow, the run id of a single run, or undefined. */
export function groupOf(workflowId: string): { kind: "batch" | "run"; id: string } | undefined {
  const batch = /^llm-do\/batch\/([^/]+)\//.exec(workflowId);
  // Non-null: the pattern has one group, which matched.
  if (batch) return { kind: "batch", id: batch[1]! };
  if (workflowId.startsWith("llm-do/run/")) return { kind: "run", id: workflowId };
  return undefined;
}

/** Groups workflows into runs, newest first. */
export function summarizeRuns(
  workflows: readonly WorkflowRow[],
  batches: readonly BatchRecord[],
  pendingByWorkflow: ReadonlyMap<string, number>,
): RunSummary[] {
  const groups = new Map<string, { kind: "batch" | "run"; id: string; rows: WorkflowRow[] }>();
  for (const workflow of workflows) {
    const group = groupOf(workflow.workflowID);
    if (!group) continue;
    const entry = groups.get(group.id) ?? { ...group, rows: [] };
    entry.rows.push(workflow);
    groups.set(group.id, entry);
  }
  const records = new Map(batches.map((batch) => [batch.id, batch]));
  return [...groups.values()]
    .map((group) => summarize(group.kind, group.id, group.rows, records.get(group.id), pendingByWorkflow))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function summarize(
  kind: "batch" | "run",
  id: string,
  rows: readonly WorkflowRow[],
  record: BatchRecord | undefined,
  pendingByWorkflow: ReadonlyMap<string, number>,
): RunSummary {
  const usage = emptyUsage();
  const cost = emptyCostTotal();
  let done = 0;
  let failed = 0;
  let pendingApprovals = 0;
  let updated = 0;
  const statuses = new Set<string>();
  for (const row of rows) {
    statuses.add(row.status);
    pendingApprovals += pendingByWorkflow.get(row.workflowID) ?? 0;
    updated = Math.max(updated, row.updatedAt ?? row.createdAt);
    if (row.status === "ERROR") {
      done += 1;
      failed += 1;
    }
    if (row.status !== "SUCCESS") continue;
    done += 1;
    const result = row.output as { outcome?: string; usage?: Usage; cost?: CostTotal } | undefined;
    if (result?.outcome === "error") failed += 1;
    if (result?.usage) addUsage(usage, result.usage);
    if (result?.cost) addTotal(cost, result.cost);
  }
  const total = kind === "run" ? 1 : record?.total;
  return {
    kind,
    id,
    status: statusOf(kind, statuses, pendingApprovals, done, total),
    done,
    failed,
    ...(total !== undefined ? { total } : {}),
    ...(record ? { resultsFile: record.resultsFile } : {}),
    usage,
    cost,
    pendingApprovals,
    updatedAt: new Date(updated).toISOString(),
  };
}

function statusOf(
  kind: "batch" | "run",
  statuses: ReadonlySet<string>,
  pendingApprovals: number,
  done: number,
  total: number | undefined,
): RunStatus {
  if (pendingApprovals > 0) return "waiting";
  if (statuses.has("PENDING") || statuses.has("ENQUEUED")) return "unfinished";
  if (statuses.has("CANCELLED") || statuses.has("MAX_RECOVERY_ATTEMPTS_EXCEEDED")) return "interrupted";
  if (kind === "run") return statuses.has("ERROR") ? "failed" : "finished";
  return total !== undefined && done < total ? "incomplete" : "finished";
}
