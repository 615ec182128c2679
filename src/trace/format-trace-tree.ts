/**
 * @module `llm-do trace FILE`: a trace as a tree for the terminal, each call with its outcome,
 * duration and the totals of its subtree (model requests, tokens, estimated cost), then a line
 * with its input and output, cut short.
 */
import type { CostTotal } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";
import type { TraceDocument, TraceNode } from "./trace-document.js";

/** Options of {@link formatTraceTree}. */
export interface FormatTraceTreeOptions {
  /** Longest input/output preview, in characters (default 60 each). */
  previewLength?: number;
}

/** The tree as text, one call per line plus an input/output line, ending in a newline. */
export function formatTraceTree(document: TraceDocument, options: FormatTraceTreeOptions = {}): string {
  const length = options.previewLength ?? 60;
  const lines = [
    `run ${document.entry} ${document.outcome} ${formatDuration(document.durationMs)}${totals(document.usage, document.cost)}`,
  ];
  if (document.error) lines.push(`  error: ${firstLine(document.error.message)}`);
  for (const note of document.notes) lines.push(`  ${note.kind}: ${firstLine(note.message)}`);
  document.calls.forEach((call, index) => {
    addNode(lines, call, "", index === document.calls.length - 1, length);
  });
  return `${lines.join("\n")}\n`;
}

function addNode(lines: string[], node: TraceNode, prefix: string, isLast: boolean, length: number): void {
  const branch = isLast ? "└─ " : "├─ ";
  const continuation = prefix + (isLast ? "   " : "│  ");
  const kind = node.model ? `${node.kind}, ${node.model}` : node.kind;
  const approvals = node.approvals.map(
    (approval) =>
      ` · ${approval.decision} by ${approval.signature ? `${approval.signature.by} at ${approval.signature.at}` : approval.decidedBy}${approval.note ? ` (${approval.note})` : ""}`,
  );
  lines.push(
    `${prefix}${branch}${node.name} (${kind}) ${node.outcome} ${formatDuration(node.durationMs)}${totals(node.usage, node.cost)}${approvals.join("")}`,
  );
  const detailPrefix = continuation + (node.children.length > 0 ? "│ " : "  ");
  const result = node.error
    ? `error: ${cut(node.error.message, length)}`
    : node.output !== undefined
      ? `out: ${preview(node.output, length)}`
      : undefined;
  lines.push(`${detailPrefix}in: ${preview(node.input, length)}${result ? `  ${result}` : ""}`);
  for (const note of node.notes) lines.push(`${detailPrefix}${note.kind}: ${cut(note.message, length * 2)}`);
  node.children.forEach((child, index) => {
    addNode(lines, child, continuation, index === node.children.length - 1, length);
  });
}

function totals(usage: Usage, cost: CostTotal): string {
  if (usage.requests === 0) return "";
  const requests = `${usage.requests} request${usage.requests === 1 ? "" : "s"}`;
  const tokens = `${usage.totalTokens.toLocaleString("en-US")} tokens`;
  // Traces written before the cache was counted have no cache fields.
  const cached = usage.cacheReadTokens
    ? ` (${usage.cacheReadTokens.toLocaleString("en-US")} from cache)`
    : "";
  return ` · ${requests}, ${tokens}${cached}, ${formatCost(cost)}`;
}

/** A cost for people: `$0.0042`, `$1.20`, with unpriced models named. */
export function formatCost(cost: CostTotal): string {
  const usd = cost.usd < 0.01 ? `$${cost.usd.toFixed(4)}` : `$${cost.usd.toFixed(2)}`;
  return cost.unpricedModels.length > 0 ? `${usd} + unpriced ${cost.unpricedModels.join(", ")}` : usd;
}

/** A duration for people: `850ms`, `1.2s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)}ms` : `${(milliseconds / 1000).toFixed(1)}s`;
}

function preview(value: unknown, length: number): string {
  return cut(JSON.stringify(value) ?? "undefined", length);
}

function cut(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}
