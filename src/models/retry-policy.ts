/**
 * @module When and how long to wait before retrying a model request: exponential backoff with
 * jitter, `retry-after` honoured, a cap on attempts and on the total wait. Pure functions.
 */
import { ConfigError } from "../errors.js";

/** How model requests are retried. */
export interface RetryPolicy {
  /** Most attempts per model request, the first one included (1 turns retries off). */
  maxAttempts: number;
  /** Most time spent waiting between the attempts of one request, in milliseconds. */
  maxTotalWaitMs: number;
  /** The first backoff delay in milliseconds; it doubles with every attempt. */
  baseDelayMs: number;
  /** The longest computed backoff delay. A longer `retry-after` is still honoured within `maxTotalWaitMs`. */
  maxDelayMs: number;
}

/** The retry settings of a run: the policy, plus the clock and dice for tests. */
export interface RetryOptions extends Partial<RetryPolicy> {
  /** Waits `ms` milliseconds; rejects when `signal` aborts (default: a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
  /** The clock in epoch milliseconds, for `retry-after` dates (default `Date.now`). */
  now?: () => number;
}

/** The default policy: 5 attempts, at most two minutes of waiting. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  maxTotalWaitMs: 120_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

/**
 * The default policy with `options` applied. Contract: throws a ConfigError for a value that is
 * not a non-negative integer (or, for `maxAttempts`, less than 1).
 */
export function resolveRetryPolicy(options: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? defaultRetryPolicy.maxAttempts,
    maxTotalWaitMs: options.maxTotalWaitMs ?? defaultRetryPolicy.maxTotalWaitMs,
    baseDelayMs: options.baseDelayMs ?? defaultRetryPolicy.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? defaultRetryPolicy.maxDelayMs,
  };
  for (const [name, value] of Object.entries(policy)) {
    const minimum = name === "maxAttempts" ? 1 : 0;
    if (!Number.isInteger(value) || value < minimum) {
      throw new ConfigError(`retry.${name} must be an integer >= ${minimum} (got ${value})`);
    }
  }
  return policy;
}

/**
 * The backoff before the retry that follows failed attempt `attempt` (1-based): the exponential
 * delay `baseDelayMs * 2^(attempt-1)`, capped at `maxDelayMs`, then jittered into its upper
 * half, `[delay/2, delay]`, so that clients failing together do not retry together.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms` (milliseconds), else
 * `retry-after` as seconds or as an HTTP date. Header names are matched case-insensitively.
 * Undefined when there is no usable header; never negative.
 */
export function parseRetryAfter(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  nowMs: number,
): number | undefined {
  if (!headers) return undefined;
  const lookup = (name: string) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim();
  const milliseconds = lookup("retry-after-ms");
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.ceil(Number(milliseconds));
  const value = lookup("retry-after");
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  // An HTTP date names its day and month; `Date.parse` alone would also accept "-3" (a year).
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** A failed attempt as the policy sees it. */
export interface AttemptFailure {
  /** Whether trying again may help (429, 529, 5xx, connection resets). */
  retryable: boolean;
  /** The HTTP status, when there was a response. */
  status?: number;
  /** The wait the response asked for, in milliseconds. */
  retryAfterMs?: number;
}

/** What to do after a failed attempt. */
export type RetryDecision =
  | { type: "retry"; delayMs: number }
  | { type: "stop"; why: "not-retryable" | "max-attempts" }
  /** The wait (`delayMs`) does not fit in what is left of `maxTotalWaitMs`. */
  | { type: "stop"; why: "max-wait"; delayMs: number };

/** Everything {@link decideRetry} looks at. */
export interface RetryState {
  /** The failure. */
  failure: AttemptFailure;
  /** The attempt that failed (1-based). */
  attempt: number;
  /** Milliseconds already waited for this request. */
  waitedMs: number;
  /** The policy. */
  policy: RetryPolicy;
  /** Jitter source, in [0, 1). */
  random: () => number;
}

/**
 * Retry or stop. A retryable failure is retried while attempts remain and the wait (the
 * response's `retry-after` when given, else {@link backoffDelay}) fits in what is left of
 * `maxTotalWaitMs`; a wait that does not fit stops rather than retrying early.
 */
export function decideRetry(state: RetryState): RetryDecision {
  const { failure, attempt, policy } = state;
  if (!failure.retryable) return { type: "stop", why: "not-retryable" };
  if (attempt >= policy.maxAttempts) return { type: "stop", why: "max-attempts" };
  const delayMs = failure.retryAfterMs ?? backoffDelay(attempt, policy, state.random);
  if (state.waitedMs + delayMs > policy.maxTotalWaitMs) return { type: "stop", why: "max-wait", delayMs };
  return { type: "retry", delayMs };
}
