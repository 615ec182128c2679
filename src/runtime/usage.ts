/**
 * @module Token usage, per model request and rolled up the call tree.
 */

/** Usage of one call, or of a whole subtree. */
export interface Usage {
  /** Input (prompt) tokens. */
  inputTokens: number;
  /** Output (completion) tokens. */
  outputTokens: number;
  /** Input plus output tokens. */
  totalTokens: number;
  /** Model requests made. */
  requests: number;
}

/** Usage of nothing. */
export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0, requests: 0 };
}

/** Adds `other` into `target` in place and returns `target`. */
export function addUsage(target: Usage, other: Usage): Usage {
  target.inputTokens += other.inputTokens;
  target.outputTokens += other.outputTokens;
  target.totalTokens += other.totalTokens;
  target.requests += other.requests;
  return target;
}
