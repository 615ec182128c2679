/**
 * @module Token usage, cost and durations as short human text.
 */
import type { CostTotal } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";

/** A duration: `850ms`, `1.2s`. */
export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)}ms` : `${(milliseconds / 1000).toFixed(1)}s`;
}

/**
 * Usage: `2 requests, 120 input + 40 output tokens`; with the prompt cache,
 * `2 requests, 1200 input (900 cache read, 250 cache write) + 40 output tokens`.
 */
export function formatUsage(usage: Usage): string {
  const requests = `${usage.requests} request${usage.requests === 1 ? "" : "s"}`;
  return `${requests}, ${usage.inputTokens} input${formatCacheTokens(usage)} + ${usage.outputTokens} output tokens`;
}

/** ` (900 cache read, 250 cache write)`, or nothing when no input touched the cache. */
export function formatCacheTokens(usage: Pick<Usage, "cacheReadTokens" | "cacheWriteTokens">): string {
  const parts = [
    ...(usage.cacheReadTokens ? [`${usage.cacheReadTokens} cache read`] : []),
    ...(usage.cacheWriteTokens ? [`${usage.cacheWriteTokens} cache write`] : []),
  ];
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * An estimated cost: `<$0.0001`, `~$0.0042`, `~$1.20`; models without a price are named
 * (`~$0.01 + unknown for claude-x`). Undefined when there is nothing to say (free models).
 */
export function formatCost(total: CostTotal): string | undefined {
  const priced = total.usd > 0 ? formatDollars(total.usd) : undefined;
  if (total.unpricedModels.length === 0) return priced;
  const unknown = `unknown cost for ${total.unpricedModels.join(", ")}`;
  return priced ? `${priced} + ${unknown}` : unknown;
}

function formatDollars(usd: number): string {
  if (usd < 0.0001) return "<$0.0001";
  return `~$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}
