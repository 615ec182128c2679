/**
 * @module One retry of a model request, as the retry layer reports it before waiting. The
 * `model-retry` event is this notice with the call's place and model.
 */

/** One retry, as reported to `onRetry` before waiting. */
export interface RetryNotice {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** The most attempts the policy allows. */
  maxAttempts: number;
  /** How long llm-do waits before the next attempt. */
  delayMs: number;
  /** The HTTP status of the failure, or null (connection error, stream error without one). */
  status: number | null;
  /** A short description, e.g. `overloaded_error: Overloaded`. */
  reason: string;
  /**
   * True when the failure came after the response had started streaming. Deltas of the failed
   * attempt may still arrive after the `model-retry` event; the `model-output-discarded` event
   * marks where they end.
   */
  midStream: boolean;
}
