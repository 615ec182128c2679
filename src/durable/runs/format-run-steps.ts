/**
 * @module `llm-do runs show WORKFLOW`: a durable run's recorded steps as a call tree, one row per
 * step named by its call path (`main/1`, `main/1 > note`, `main/1 > note [approval]`), nested
 * by the path, in the order they finished, with what each gave; then the approval requests still
 * waiting. The same shape as `llm-do trace`, from what the database holds.
 */
import type { GateDecision } from "../../approvals/decision-log.js";
import { formatCost } from "../../trace/format-trace-tree.js";
import type { StoredApprovalRequest } from "../approvals/approval-requests.js";

/** A recorded step (DBOS's records of a wait, `DBOS.*`, are left out by the caller or here). */
export interface RecordedStep {
  number: number;
  name: string;
  output: unknown;
}

const SEPARATOR = " > ";

/** The rows, ending in a newline. */
export function formatRunSteps(
  steps: readonly RecordedStep[],
  requests: readonly StoredApprovalRequest[],
  previewLength = 60,
): string {
  const lines = [...steps]
    .filter((step) => !step.name.startsWith("DBOS."))
    .sort((a, b) => a.number - b.number)
    .map((step) => `${indent(step.name)}${lastSegment(step.name)}  ${describeStep(step, previewLength)}`);
  for (const request of requests) {
    if (request.state.type !== "pending") continue;
    const name = `${request.callKey} [approval]`;
    lines.push(
      `${indent(name)}${lastSegment(name)}  pending: approval ${request.id} since ${request.requestedAt}${request.expiresAt ? ` (denied at ${request.expiresAt})` : ""}`,
    );
  }
  if (lines.length === 0) return "  (no steps recorded)\n";
  return `${lines.join("\n")}\n`;
}

function indent(name: string): string {
  return "  ".repeat(name.split(SEPARATOR).length);
}

function lastSegment(name: string): string {
  // Non-null: split always returns at least one element.
  return name.split(SEPARATOR).at(-1)!;
}

function describeStep(step: RecordedStep, length: number): string {
  if (step.name.endsWith(" [approval]")) return describeDecision(step.output as GateDecision);
  const output = step.output as Record<string, unknown> | null;
  if (output && Array.isArray(output.parts)) return describeResponse(output.parts, length);
  if (output && (output.type === "ok" || output.type === "error")) {
    const cost = output.cost as { usd: number; unpricedModels: string[] } | undefined;
    const spent = cost && cost.usd > 0 ? ` · ${formatCost(cost)}` : "";
    return output.type === "ok"
      ? `ok  out: ${cut(JSON.stringify(output.output) ?? "undefined", length)}${spent}`
      : `error: ${cut(String((output.error as { message?: unknown })?.message), length)}${spent}`;
  }
  return cut(JSON.stringify(output) ?? "undefined", length);
}

function describeDecision(decided: GateDecision): string {
  const { decision } = decided;
  const who = decided.signature ? `${decided.signature.by} at ${decided.signature.at}` : decided.decidedBy;
  if (decision.type === "approved") {
    return `approved${decision.remember === "session" ? " for the session" : ""} by ${who}`;
  }
  return `denied by ${who}${decision.note ? ` (${decision.note})` : ""}`;
}

/** A model response: its text and the tools it asked for, and its tokens. */
function describeResponse(parts: readonly unknown[], length: number): string {
  let text = "";
  const tools: string[] = [];
  let tokens: number | undefined;
  for (const part of parts as Array<Record<string, unknown>>) {
    if (part.type === "text-delta" && typeof part.delta === "string") text += part.delta;
    if (part.type === "tool-call" && typeof part.toolName === "string") tools.push(part.toolName);
    if (part.type === "finish") tokens = totalTokens(part.usage);
  }
  const said = text ? ` "${cut(text, length)}"` : "";
  const calls = tools.length > 0 ? ` → ${tools.join(", ")}` : "";
  return `model response${said}${calls}${tokens !== undefined ? ` · ${tokens.toLocaleString("en-US")} tokens` : ""}`;
}

function totalTokens(usage: unknown): number | undefined {
  const fields = usage as { inputTokens?: { total?: number }; outputTokens?: { total?: number } } | undefined;
  const input = fields?.inputTokens?.total;
  const output = fields?.outputTokens?.total;
  return input === undefined && output === undefined ? undefined : (input ?? 0) + (output ?? 0);
}

function cut(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}...` : text;
}
