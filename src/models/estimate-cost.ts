/**
 * @module Token usage to an estimated cost in US dollars, from the price table we maintain in
 * `data/model-prices.json`. A model the table does not know is unpriced, never free.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ConfigError, errorMessage } from "../errors.js";
import { packageRoot } from "../package-root.js";

/** The estimated cost of model calls, or the model that has no price. */
export type ModelCost = { usd: number } | { unpriced: true; model: string };

/** Costs added up: the priced part, and which models could not be priced. */
export interface CostTotal {
  /** The sum of the priced calls, in US dollars. */
  usd: number;
  /** Models with calls that could not be priced (so `usd` is a lower bound when non-empty). */
  unpricedModels: string[];
}

/** The token counts a cost is computed from. */
export interface CostUsage {
  /** All input tokens, cached ones included. */
  inputTokens: number;
  /** Output tokens, reasoning included. */
  outputTokens: number;
  /** Input tokens read from the provider's cache. */
  cacheReadTokens?: number;
  /** Input tokens written to the provider's cache. */
  cacheWriteTokens?: number;
  /** How long the written tokens are kept (Anthropic prices the 1-hour lifetime higher). */
  cacheWriteTtl?: "5m" | "1h";
}

const Rates = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
  cacheWrite1h: z.number().nonnegative().optional(),
});

const ModelPrice = Rates.extend({
  longContext: Rates.extend({ aboveInputTokens: z.number().int().positive() }).optional(),
  aliases: z.array(z.string()).optional(),
});
/** One model's prices, in US dollars per million tokens. */
export type ModelPrice = z.infer<typeof ModelPrice>;

const PriceTable = z.object({
  compiled: z.string(),
  sources: z.record(z.string(), z.object({ url: z.string(), checked: z.string() })),
  freeProviders: z.array(z.string()),
  providers: z.record(z.string(), z.record(z.string(), ModelPrice)),
});
/** The price table: when it was compiled, free providers, and prices by provider and model. */
export type PriceTable = z.infer<typeof PriceTable>;

let defaultTable: PriceTable | undefined;

/**
 * The price table shipped with llm-do, read once. Contract: throws a ConfigError when the file
 * is missing or malformed.
 */
export function loadPriceTable(): PriceTable {
  if (defaultTable) return defaultTable;
  const file = path.join(packageRoot(), "data/model-prices.json");
  try {
    defaultTable = PriceTable.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    throw new ConfigError(`cannot read the price table ${file}: ${errorMessage(error)}`);
  }
  return defaultTable;
}

const priceProviders: Readonly<Record<string, string>> = { "openai-chat": "openai" };

/**
 * The prices of `provider:model-id`: by exact id, by alias, then without a date suffix
 * (`-20251001`, `-2024-08-06`). `"free"` for providers that cost nothing (built-in, local).
 */
export function findModelPrice(modelId: string, table: PriceTable): ModelPrice | "free" | undefined {
  const index = modelId.indexOf(":");
  if (index <= 0) return undefined;
  const provider = modelId.slice(0, index);
  const id = modelId.slice(index + 1).replace(/^models\//, "");
  if (table.freeProviders.includes(provider)) return "free";
  const key = priceProviders[provider] ?? provider;
  const models = Object.hasOwn(table.providers, key) ? table.providers[key] : undefined;
  if (!models) return undefined;
  const lookup = (candidate: string) =>
    (Object.hasOwn(models, candidate) ? models[candidate] : undefined) ??
    Object.values(models).find((price) => price.aliases?.includes(candidate));
  return lookup(id) ?? lookup(id.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, ""));
}

/** The estimated cost of one model response. */
export function estimateCost(
  modelId: string,
  usage: CostUsage,
  table: PriceTable = loadPriceTable(),
): ModelCost {
  const price = findModelPrice(modelId, table);
  if (price === undefined) return { unpriced: true, model: modelId };
  if (price === "free") return { usd: 0 };
  const rates =
    price.longContext && usage.inputTokens > price.longContext.aboveInputTokens ? price.longContext : price;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const writeRate =
    (usage.cacheWriteTtl === "1h" ? rates.cacheWrite1h : undefined) ?? rates.cacheWrite ?? rates.input;
  const dollars =
    uncached * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    cacheWrite * writeRate +
    usage.outputTokens * rates.output;
  return { usd: round(dollars / 1_000_000) };
}

/** The usage fields of an AI SDK model response that cost depends on. */
export interface ResponseUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  inputTokenDetails?: { cacheReadTokens: number | undefined; cacheWriteTokens: number | undefined };
}

/**
 * The estimated cost of one AI SDK model response. Contract: never throws; when the price
 * table cannot be read, the response is unpriced.
 */
export function estimateResponseCost(
  modelId: string,
  usage: ResponseUsage,
  options: { table?: PriceTable; cacheWriteTtl?: "5m" | "1h" } = {},
): ModelCost {
  const { table } = options;
  const counts: CostUsage = {
    inputTokens: usage.inputTokens ?? 0,
    outputTokens: usage.outputTokens ?? 0,
    ...(options.cacheWriteTtl ? { cacheWriteTtl: options.cacheWriteTtl } : {}),
  };
  const details = usage.inputTokenDetails;
  if (details?.cacheReadTokens !== undefined) counts.cacheReadTokens = details.cacheReadTokens;
  if (details?.cacheWriteTokens !== undefined) counts.cacheWriteTokens = details.cacheWriteTokens;
  try {
    return estimateCost(modelId, counts, table ?? loadPriceTable());
  } catch {
    return { unpriced: true, model: modelId };
  }
}

/** A total of nothing. */
export function emptyCostTotal(): CostTotal {
  return { usd: 0, unpricedModels: [] };
}

/** Adds one cost into `total` in place and returns `total`. */
export function addCost(total: CostTotal, cost: ModelCost): CostTotal {
  if ("usd" in cost) total.usd = round(total.usd + cost.usd);
  else if (!total.unpricedModels.includes(cost.model)) total.unpricedModels.push(cost.model);
  return total;
}

/** The total of the `cost` of every `model-response` event in `events`. */
export function totalCost(events: Iterable<{ type: string; cost?: ModelCost }>): CostTotal {
  const total = emptyCostTotal();
  for (const event of events) if (event.type === "model-response" && event.cost) addCost(total, event.cost);
  return total;
}

function round(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}
