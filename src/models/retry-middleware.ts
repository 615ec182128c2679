/**
 * @module The one retry layer: a language model middleware that retries failed requests (429,
 * 529, 5xx, dropped connections) with backoff.
 *
 * A generate request is retried on any failure, including a {@link MidStreamFailure} (a response
 * that broke off after it started streaming, from `generateFromStreamMiddleware`): the
 * whole request runs again, and the notice says `midStream` so the caller can mark the output it
 * saw as discarded. A stream request is retried only while its stream opens; a failure inside
 * the stream reaches the reader.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { LanguageModelV4Middleware } from "@ai-sdk/provider";
import { classifyModelFailure } from "./classify-model-failure.js";
import { MidStreamFailure } from "./mid-stream-failure.js";
import type { RetryNotice } from "./retry-notice.js";
import { decideRetry, type RetryOptions, resolveRetryPolicy } from "./retry-policy.js";
import { toModelCallError } from "./to-model-call-error.js";

/** Options of {@link retryMiddleware}. */
export interface RetryMiddlewareOptions {
  /** `provider:model-id`, for error messages. */
  modelId: string;
  /** The policy and the injectable clock, sleep and jitter. */
  retry?: RetryOptions;
  /** Called before every wait. */
  onRetry?: (notice: RetryNotice) => void;
}

/**
 * Retries each request of the wrapped model per the policy. Contract: a request that is not
 * retried rethrows the provider's error unchanged (a mid-stream failure: its cause); one that
 * gave up after retries throws a ModelCallError naming the attempts, and one whose next wait (a
 * `retry-after`, say) does not fit in the retry budget throws a ModelCallError that says so. Set
 * the AI SDK's own `maxRetries` to 0 so that retries do not stack.
 */
export function retryMiddleware(options: RetryMiddlewareOptions): LanguageModelV4Middleware {
  const retry = options.retry ?? {};
  const policy = resolveRetryPolicy(retry);
  const sleep = retry.sleep ?? sleepFor;
  const random = retry.random ?? Math.random;
  const now = retry.now ?? Date.now;

  /** What to do after a failed attempt: wait and retry (announced first), or throw. */
  const recover = async (failed: unknown, attempt: number, waited: { ms: number }, signal?: AbortSignal) => {
    const midStream = failed instanceof MidStreamFailure;
    const error = midStream ? failed.cause : failed;
    if (signal?.aborted) throw error;
    const failure = classifyModelFailure(error, now());
    const decision = decideRetry({ failure, attempt, waitedMs: waited.ms, policy, random });
    if (decision.type === "stop") {
      const overBudget =
        decision.why === "max-wait"
          ? {
              waitMs: decision.delayMs,
              askedByProvider: failure.retryAfterMs !== undefined,
              budgetMs: policy.maxTotalWaitMs,
              waitedMs: waited.ms,
            }
          : undefined;
      if (attempt === 1 && !overBudget) throw error;
      throw toModelCallError(error, options.modelId, {
        attempts: attempt,
        ...(overBudget ? { overBudget } : {}),
      });
    }
    options.onRetry?.({
      attempt,
      maxAttempts: policy.maxAttempts,
      delayMs: decision.delayMs,
      status: failure.status ?? null,
      reason: failure.reason,
      midStream,
    });
    waited.ms += decision.delayMs;
    await sleep(decision.delayMs, signal);
  };

  const withAttempts = async <T>(call: () => PromiseLike<T>, signal?: AbortSignal): Promise<T> => {
    const waited = { ms: 0 };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        await recover(error, attempt, waited, signal);
      }
    }
  };

  return {
    specificationVersion: "v4",
    wrapGenerate: ({ doGenerate, params }) => withAttempts(doGenerate, params.abortSignal),
    wrapStream: ({ doStream, params }) => withAttempts(doStream, params.abortSignal),
  };
}

/** Waits `ms`, or rejects with the signal's reason when it aborts. */
export async function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    // `timers/promises` rejects with its own AbortError; callers tell aborts apart by the reason.
    throw signal?.aborted ? signal.reason : error;
  }
}
