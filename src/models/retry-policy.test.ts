import { describe, expect, test } from "vitest";
import {
  backoffDelay,
  decideRetry,
  defaultRetryPolicy,
  parseRetryAfter,
  type RetryPolicy,
  resolveRetryPolicy,
} from "./retry-policy.js";

const policy: RetryPolicy = { maxAttempts: 5, maxTotalWaitMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000 };

describe("backoffDelay", () => {
  test("doubles per attempt and stays within the upper half of the exponential delay", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, policy, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  test("is capped at maxDelayMs", () => {
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(8000);
    expect(backoffDelay(10, policy, () => 0)).toBe(4000);
  });

  test("jitter spreads delays across the whole band", () => {
    const delays = Array.from({ length: 200 }, (_, index) => backoffDelay(3, policy, () => index / 200));
    expect(Math.min(...delays)).toBe(2000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(4000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  test("seconds, fractional seconds and milliseconds", () => {
    expect(parseRetryAfter({ "retry-after": "2" }, now)).toBe(2000);
    expect(parseRetryAfter({ "retry-after": "0.5" }, now)).toBe(500);
    expect(parseRetryAfter({ "retry-after-ms": "1234.2" }, now)).toBe(1235);
  });

  test("retry-after-ms wins over retry-after; names are case-insensitive", () => {
    expect(parseRetryAfter({ "Retry-After": "30", "Retry-After-Ms": "250" }, now)).toBe(250);
  });

  test("an HTTP date is the time left until it, never negative", () => {
    expect(parseRetryAfter({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }, now)).toBe(5000);
    expect(parseRetryAfter({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, now)).toBe(0);
  });

  test("missing or unusable values are undefined", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "-3" }, now)).toBeUndefined();
  });
});

describe("decideRetry", () => {
  const random = () => 0.5;

  test("retries a retryable failure with backoff", () => {
    expect(decideRetry({ failure: { retryable: true }, attempt: 1, waitedMs: 0, policy, random })).toEqual({
      type: "retry",
      delayMs: 750,
    });
  });

  test("uses retry-after instead of backoff, even above maxDelayMs", () => {
    const failure = { retryable: true, status: 429, retryAfterMs: 20_000 };
    expect(decideRetry({ failure, attempt: 1, waitedMs: 0, policy, random })).toEqual({
      type: "retry",
      delayMs: 20_000,
    });
  });

  test("stops for a failure that is not retryable", () => {
    expect(decideRetry({ failure: { retryable: false }, attempt: 1, waitedMs: 0, policy, random })).toEqual({
      type: "stop",
      why: "not-retryable",
    });
  });

  test("stops after maxAttempts", () => {
    expect(decideRetry({ failure: { retryable: true }, attempt: 5, waitedMs: 0, policy, random })).toEqual({
      type: "stop",
      why: "max-attempts",
    });
  });

  test("stops when the wait would pass the total cap, saying how long the wait was", () => {
    const failure = { retryable: true, retryAfterMs: 30_000 };
    expect(decideRetry({ failure, attempt: 2, waitedMs: 40_000, policy, random })).toEqual({
      type: "stop",
      why: "max-wait",
      delayMs: 30_000,
    });
    expect(decideRetry({ failure, attempt: 2, waitedMs: 30_000, policy, random })).toEqual({
      type: "retry",
      delayMs: 30_000,
    });
  });
});

describe("resolveRetryPolicy", () => {
  test("fills in defaults", () => {
    expect(resolveRetryPolicy()).toEqual(defaultRetryPolicy);
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...defaultRetryPolicy, maxAttempts: 2 });
  });

  test("rejects nonsense", () => {
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(
      "retry.maxAttempts must be an integer >= 1 (got 0)",
    );
    expect(() => resolveRetryPolicy({ maxTotalWaitMs: -1 })).toThrow("retry.maxTotalWaitMs");
    expect(() => resolveRetryPolicy({ baseDelayMs: 1.5 })).toThrow("retry.baseDelayMs");
  });
});
