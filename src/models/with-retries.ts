/**
 * @module The one retry layer: a language model wrapper that retries failed requests (429,
 * 529, 5xx, dropped connections) with backoff, and takes part in the AI SDK's stream retries
 * so that an error event in the middle of a stream becomes a failed attempt, not a half result.
 *
 * How a mid-stream failure is retried: the wrapper notes the `error` part as it passes. The AI
 * SDK (with `streamRetries` set) then drops the attempt's partial output from the step, holds
 * tool calls back until an attempt completes, and calls `doStream` again for the same prompt.
 * That call waits (or gives up, per the policy) and starts the new stream with a marker part
 * ({@link isAttemptDiscardedMarker}) so a consumer knows where the discarded output ends.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { classifyModelFailure } from "./classify-model-failure.js";
import { decideRetry, type RetryOptions, resolveRetryPolicy } from "./retry-policy.js";
import { toModelCallError } from "./to-model-call-error.js";

/** One retry, as reported to `onRetry` before waiting. */
export interface RetryNotice {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** The most attempts the policy allows. */
  maxAttempts: number;
  /** How long the wrapper waits before the next attempt. */
  delayMs: number;
  /** The HTTP status of the failure, or null (connection error, stream error without one). */
  status: number | null;
  /** A short description, e.g. `overloaded_error: Overloaded`. */
  reason: string;
  /** True when the failure came after the response had started streaming. */
  midStream: boolean;
}

/** Options of {@link withRetries}. */
export interface WithRetriesOptions {
  /** `provider:model-id`, for error messages. */
  modelId: string;
  /** The policy and the injectable clock, sleep and jitter. */
  retry?: RetryOptions;
  /** Called before every wait. */
  onRetry?: (notice: RetryNotice) => void;
}

/** The `rawValue` of the marker part that starts a stream replacing a failed one. */
export interface AttemptDiscardedMarker {
  type: "llm-do.attempt-discarded";
  /** The attempt whose output is discarded. */
  failedAttempt: number;
}

/** True for the `rawValue` of the marker {@link withRetries} puts at the start of a retried stream. */
export function isAttemptDiscardedMarker(value: unknown): value is AttemptDiscardedMarker {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "llm-do.attempt-discarded"
  );
}

interface AttemptState {
  attempt: number;
  waitedMs: number;
}

/** What to do after a failed attempt: wait and retry (announcing it), or end with `error`. */
type Plan = { type: "retry"; delayMs: number; notice: RetryNotice } | { type: "stop"; error: unknown };

interface PendingFailure {
  plan: Plan;
  state: AttemptState;
  promptKey: string;
}

/**
 * Wraps `model` so that each request is retried per the policy. Contract: a request that is
 * not retried rethrows the provider's error unchanged; one that gave up after retries throws a
 * ModelCallError naming the attempts (in a stream, as the final `error` part). Set the AI SDK's
 * own `maxRetries` to 0 so that retries do not stack, and `streamRetries` to at least
 * `maxAttempts - 1` for mid-stream failures.
 */
export function withRetries(model: LanguageModelV4, options: WithRetriesOptions): LanguageModelV4 {
  const retry = options.retry ?? {};
  const policy = resolveRetryPolicy(retry);
  const sleep = retry.sleep ?? sleepFor;
  const random = retry.random ?? Math.random;
  const now = retry.now ?? Date.now;
  let pending: PendingFailure | undefined;

  const plan = (error: unknown, state: AttemptState, midStream: boolean): Plan => {
    const failure = classifyModelFailure(error, now());
    const decision = decideRetry({
      failure,
      attempt: state.attempt,
      waitedMs: state.waitedMs,
      policy,
      random,
    });
    if (decision.type === "stop") {
      const final =
        state.attempt > 1 ? toModelCallError(error, options.modelId, { attempts: state.attempt }) : error;
      return { type: "stop", error: final };
    }
    const notice: RetryNotice = {
      attempt: state.attempt,
      maxAttempts: policy.maxAttempts,
      delayMs: decision.delayMs,
      status: failure.status ?? null,
      reason: failure.reason,
      midStream,
    };
    return { type: "retry", delayMs: decision.delayMs, notice };
  };

  const follow = async (next: Plan, state: AttemptState, signal?: AbortSignal) => {
    if (next.type === "stop") throw next.error;
    if (signal?.aborted) throw signal.reason;
    options.onRetry?.(next.notice);
    state.waitedMs += next.delayMs;
    await sleep(next.delayMs, signal);
  };

  const attempt = async <T>(call: () => PromiseLike<T>, state: AttemptState, signal?: AbortSignal) => {
    for (;;) {
      state.attempt += 1;
      try {
        return await call();
      } catch (error) {
        if (signal?.aborted) throw error;
        await follow(plan(error, state, false), state, signal);
      }
    }
  };

  return {
    specificationVersion: "v4",
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    doGenerate(callOptions) {
      pending = undefined;
      return attempt(
        () => model.doGenerate(callOptions),
        { attempt: 0, waitedMs: 0 },
        callOptions.abortSignal,
      );
    },
    async doStream(callOptions: LanguageModelV4CallOptions) {
      const carried = pending && pending.promptKey === keyOf(callOptions.prompt) ? pending : undefined;
      pending = undefined;
      const state = carried ? { ...carried.state } : { attempt: 0, waitedMs: 0 };
      if (carried) await follow(carried.plan, state, callOptions.abortSignal);
      const marker: AttemptDiscardedMarker | undefined = carried
        ? { type: "llm-do.attempt-discarded", failedAttempt: carried.state.attempt }
        : undefined;
      const result = await attempt(() => model.doStream(callOptions), state, callOptions.abortSignal);
      // Decided when the stream fails, so that a failure we will not retry reaches the caller
      // in its final form, and a retry the SDK asks for anyway is refused.
      const onFailure = (error: unknown): unknown => {
        const failed = { ...state };
        const next = plan(error, failed, true);
        pending ??= { plan: next, state: failed, promptKey: keyOf(callOptions.prompt) };
        return next.type === "stop" ? next.error : error;
      };
      return { ...result, stream: watchStream(result.stream, onFailure, marker) };
    },
  };
}

/**
 * Passes parts through; an `error` part's error is replaced by what `onFailure` returns, and a
 * broken connection becomes an error part.
 */
function watchStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  onFailure: (error: unknown) => unknown,
  marker: AttemptDiscardedMarker | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  let markerSent = marker === undefined;
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      if (!markerSent) {
        markerSent = true;
        controller.enqueue({ type: "raw", rawValue: marker });
        return;
      }
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        if ((error as { name?: unknown })?.name === "AbortError") {
          controller.error(error);
          return;
        }
        controller.enqueue({ type: "error", error: onFailure(error) });
        controller.close();
        return;
      }
      if (next.done) {
        controller.close();
        return;
      }
      const part = next.value;
      controller.enqueue(part.type === "error" ? { type: "error", error: onFailure(part.error) } : part);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Identifies a prompt well enough to tell a retry of it from the next step of the loop. */
function keyOf(prompt: LanguageModelV4Prompt): string {
  const last = prompt.at(-1);
  let lastJson: string;
  try {
    lastJson = JSON.stringify(last) ?? "";
  } catch {
    lastJson = String(last?.role);
  }
  return `${prompt.length}:${lastJson}`;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
