/**
 * @module Provider rate limits: how many model requests a provider (or one of its models) gets
 * per period and at once, over every llm-do process on a database. Set in `llm-do.yaml` under
 * `rate_limits`, on top of defaults that fit the providers' usual paid tiers. A durable run sends
 * each model request of a limited provider as a workflow on that provider's DBOS queue (see
 * `queued-model-requests.ts`), whose `rateLimit` and `concurrency` DBOS enforces for all
 * processes; models of other providers (local servers, test models) are called directly.
 */
import { z } from "zod";

/** One limit: requests per period, requests at once, or both. */
export interface RateLimit {
  /** Most requests started per `periodSec`. */
  requests?: number;
  /** The period of `requests`, in seconds. */
  periodSec: number;
  /** Most requests in flight at once. */
  concurrency?: number;
}

/** The limits in force, by provider (`anthropic`) or model (`anthropic:claude-opus-4-1`). */
export type RateLimits = ReadonlyMap<string, RateLimit>;

/**
 * The defaults, per provider account: Anthropic's tier 2 (1,000 requests a minute), OpenAI's tier
 * 1 (500), Gemini's paid tier 1 for its strictest model (150), OpenRouter's (500); at most 50 at
 * once. Local servers (Ollama, OpenAI-compatible) have none: each machine may have its own.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  anthropic: { requests: 1000, periodSec: 60, concurrency: 50 },
  openai: { requests: 500, periodSec: 60, concurrency: 50 },
  google: { requests: 150, periodSec: 60, concurrency: 50 },
  openrouter: { requests: 500, periodSec: 60, concurrency: 50 },
};

/** Providers whose requests count toward another's limits (the same account). */
const SAME_ACCOUNT: Readonly<Record<string, string>> = { "openai-chat": "openai" };

/** The providers `rate_limits` may name (models of the others are never queued). */
export const LIMITABLE_PROVIDERS = ["anthropic", "openai", "openai-chat", "google", "openrouter"] as const;

const positiveInteger = (what: string) =>
  z
    .number({ error: (issue) => `${what} must be a positive integer (got ${describe(issue.input)})` })
    .int({ error: (issue) => `${what} must be a positive integer (got ${describe(issue.input)})` })
    .positive({ error: (issue) => `${what} must be a positive integer (got ${describe(issue.input)})` });

const ENTRY_EXPECTED =
  "rate_limits: expected 'off' or a mapping of requests, period (seconds, default 60), concurrency";

const limitEntry = z.preprocess(
  (value) => (value === "off" ? { off: true } : value),
  z
    .strictObject(
      {
        off: z.literal(true).optional(),
        requests: positiveInteger("rate_limits: requests").optional(),
        period: z
          .number({
            error: (issue) =>
              `rate_limits: period must be seconds, a positive number (got ${describe(issue.input)})`,
          })
          .positive({
            error: (issue) =>
              `rate_limits: period must be seconds, a positive number (got ${describe(issue.input)})`,
          })
          .optional(),
        concurrency: positiveInteger("rate_limits: concurrency").optional(),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `unknown field '${issue.keys[0]}' in rate_limits (valid fields: requests, period, concurrency)`
            : ENTRY_EXPECTED,
      },
    )
    .refine((entry) => entry.off || entry.requests !== undefined || entry.concurrency !== undefined, {
      error: "rate_limits: give requests (per period) or concurrency, or 'off'",
      // Only for an entry that is otherwise right (an unknown field says more).
      when: (payload) => payload.issues.length === 0,
    }),
);

/** `rate_limits` in `llm-do.yaml`: provider or `provider:model` to a limit or `off`. */
export const RateLimitsField = z.record(
  z.string().refine((key) => LIMITABLE_PROVIDERS.includes(providerOf(key) as never)),
  limitEntry,
  {
    error: (issue) =>
      issue.code === "invalid_key"
        ? `rate_limits: '${String(issue.input)}' is not a provider or provider:model that can be limited (providers: ${LIMITABLE_PROVIDERS.join(", ")})`
        : "field 'rate_limits' must be a mapping of providers (or provider:model) to limits",
  },
);

/** `rate_limits` as written. */
export type RateLimitsConfig = z.infer<typeof RateLimitsField>;

/** The limits in force: the defaults, then the project's entries (`off` removes one). */
export function resolveRateLimits(config: RateLimitsConfig = {}): RateLimits {
  const limits = new Map<string, RateLimit>(Object.entries(DEFAULT_RATE_LIMITS));
  for (const [key, entry] of Object.entries(config)) {
    if (entry.off) {
      limits.delete(key);
      continue;
    }
    limits.set(key, {
      periodSec: entry.period ?? 60,
      ...(entry.requests !== undefined ? { requests: entry.requests } : {}),
      ...(entry.concurrency !== undefined ? { concurrency: entry.concurrency } : {}),
    });
  }
  return limits;
}

/**
 * The limit a model's requests go under, and its queue: the model's own entry when there is one
 * (its requests then do not count toward its provider's), else its provider's (or the account's).
 * Undefined: the model is called directly.
 */
export function rateLimitOf(limits: RateLimits, modelId: string): { key: string; queue: string } | undefined {
  if (limits.has(modelId)) return { key: modelId, queue: rateLimitQueue(modelId) };
  const provider = providerOf(modelId);
  const account = SAME_ACCOUNT[provider] ?? provider;
  for (const key of [provider, account]) if (limits.has(key)) return { key, queue: rateLimitQueue(key) };
  return undefined;
}

/** The DBOS queue of a limit's requests. */
export function rateLimitQueue(key: string): string {
  return `llm-do.model.${key}`;
}

function providerOf(key: string): string {
  const index = key.indexOf(":");
  return index < 0 ? key : key.slice(0, index);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : typeof value === "string" ? JSON.stringify(value) : String(value);
}
