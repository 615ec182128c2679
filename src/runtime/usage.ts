/**
 * @module Token usage, per model request and rolled up the call tree.
 */
import type { ResponseUsage } from "../models/estimate-cost.js";

/** Usage of one call, or of a whole subtree. */
export interface Usage {
  /** Input (prompt) tokens, all of them: uncached, read from the cache and written to it. */
  inputTokens: number;
  /** Of `inputTokens`, those read from the provider's prompt cache (billed at its cache-read price). */
  cacheReadTokens: number;
  /** Of `inputTokens`, those written to the provider's prompt cache (billed at its cache-write price). */
  cacheWriteTokens: number;
  /** Output (completion) tokens. */
  outputTokens: number;
  /** Input plus output tokens. */
  totalTokens: number;
  /** Model requests made. */
  requests: number;
}

/** Usage of nothing. */
export function emptyUsage(): Usage {
  return {
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    totalTokens: 0,
    requests: 0,
  };
}

/** Input tokens billed at the full input price: neither read from nor written to the cache. */
export function uncachedInputTokens(usage: Usage): number {
  return Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
}

/** Adds `other` into `target` in place and returns `target`. */
export function addUsage(target: Usage, other: Usage): Usage {
  target.inputTokens += other.inputTokens;
  target.cacheReadTokens += other.cacheReadTokens;
  target.cacheWriteTokens += other.cacheWriteTokens;
  target.outputTokens += other.outputTokens;
  target.totalTokens += other.totalTokens;
  target.requests += other.requests;
  return target;
}

/** The usage of one model response (one request). */
export function responseUsage(usage: ResponseUsage & { totalTokens?: number | undefined }): Usage {
  const inputTokens = usage.inputTokens ?? 0;
  const outputTokens = usage.outputTokens ?? 0;
  return {
    inputTokens,
    cacheReadTokens: usage.inputTokenDetails?.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.inputTokenDetails?.cacheWriteTokens ?? 0,
    outputTokens,
    totalTokens: usage.totalTokens ?? inputTokens + outputTokens,
    requests: 1,
  };
}
