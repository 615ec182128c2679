import { describe, expect, test } from "vitest";
import {
  addCost,
  emptyCostTotal,
  estimateCost,
  estimateResponseCost,
  findModelPrice,
  loadPriceTable,
  type PriceTable,
  totalCost,
} from "./estimate-cost.js";

const table: PriceTable = {
  compiled: "2026-01-01",
  sources: { anthropic: { url: "https://example.com/pricing", checked: "2026-01-01" } },
  freeProviders: ["builtin", "ollama"],
  providers: {
    anthropic: {
      "claude-haiku-4-5": {
        input: 1,
        output: 5,
        cacheRead: 0.1,
        cacheWrite: 1.25,
        cacheWrite1h: 2,
        aliases: ["claude-haiku-4-5-20251001"],
      },
      "claude-sonnet-4-5": {
        input: 3,
        output: 15,
        longContext: { aboveInputTokens: 200_000, input: 6, output: 22.5 },
      },
    },
    openai: { "gpt-4o": { input: 2.5, output: 10, cacheRead: 1.25 } },
  },
};

describe("estimateCost", () => {
  test("prices input and output per million tokens", () => {
    expect(
      estimateCost("anthropic:claude-haiku-4-5", { inputTokens: 1_000_000, outputTokens: 200_000 }, table),
    ).toEqual({
      usd: 2,
    });
  });

  test("cache reads and writes have their own prices", () => {
    const usage = { inputTokens: 10_000, outputTokens: 0, cacheReadTokens: 8_000, cacheWriteTokens: 1_000 };
    // 1 000 uncached at $1, 8 000 read at $0.10, 1 000 written at $1.25
    expect(estimateCost("anthropic:claude-haiku-4-5", usage, table)).toEqual({ usd: 0.00305 });
  });

  test("without a cache price, cached tokens cost the input price", () => {
    expect(
      estimateCost(
        "anthropic:claude-sonnet-4-5",
        { inputTokens: 1000, outputTokens: 0, cacheReadTokens: 1000 },
        table,
      ),
    ).toEqual({
      usd: 0.003,
    });
  });

  test("long requests use the long-context prices", () => {
    expect(
      estimateCost("anthropic:claude-sonnet-4-5", { inputTokens: 300_000, outputTokens: 0 }, table),
    ).toEqual({
      usd: 1.8,
    });
    expect(
      estimateCost("anthropic:claude-sonnet-4-5", { inputTokens: 200_000, outputTokens: 0 }, table),
    ).toEqual({
      usd: 0.6,
    });
  });

  test("dated ids, aliases and openai-chat find their model", () => {
    expect(findModelPrice("anthropic:claude-haiku-4-5-20251001", table)).toMatchObject({ input: 1 });
    expect(findModelPrice("openai:gpt-4o-2024-11-20", table)).toMatchObject({ input: 2.5 });
    expect(findModelPrice("openai-chat:gpt-4o", table)).toMatchObject({ input: 2.5 });
  });

  test("an unknown model is unpriced, not free", () => {
    expect(estimateCost("anthropic:claude-next", { inputTokens: 10, outputTokens: 10 }, table)).toEqual({
      unpriced: true,
      model: "anthropic:claude-next",
    });
    expect(
      estimateCost("openrouter:anthropic/claude-haiku-4-5", { inputTokens: 1, outputTokens: 1 }, table),
    ).toEqual({
      unpriced: true,
      model: "openrouter:anthropic/claude-haiku-4-5",
    });
    expect(estimateCost("test:main", { inputTokens: 1, outputTokens: 1 }, table)).toMatchObject({
      unpriced: true,
    });
  });

  test("built-in and local models cost nothing", () => {
    expect(estimateCost("builtin:echo", { inputTokens: 100, outputTokens: 100 }, table)).toEqual({ usd: 0 });
    expect(estimateCost("ollama:llama3.2", { inputTokens: 100, outputTokens: 100 }, table)).toEqual({
      usd: 0,
    });
  });

  test("an AI SDK usage record, cache details included", () => {
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 0,
      inputTokenDetails: { noCacheTokens: 0, cacheReadTokens: 1_000_000, cacheWriteTokens: undefined },
    };
    expect(estimateResponseCost("openai:gpt-4o", usage, { table })).toEqual({ usd: 1.25 });
  });
});

describe("cache prices", () => {
  const usage = {
    inputTokens: 1_000_000,
    outputTokens: 0,
    cacheReadTokens: 600_000,
    cacheWriteTokens: 300_000,
  };

  test("uncached input, cache reads and cache writes each at their own price", () => {
    // 100k uncached at $1 + 600k read at $0.10 + 300k written at $1.25.
    expect(estimateCost("anthropic:claude-haiku-4-5", usage, table)).toEqual({ usd: 0.1 + 0.06 + 0.375 });
  });

  test("writes with the 1-hour lifetime at its price; a model without one at the 5-minute price", () => {
    const hour = { ...usage, cacheWriteTtl: "1h" as const };
    expect(estimateCost("anthropic:claude-haiku-4-5", hour, table)).toEqual({ usd: 0.1 + 0.06 + 0.6 });
    const openai = {
      inputTokens: 1_000_000,
      outputTokens: 0,
      cacheReadTokens: 1_000_000,
      cacheWriteTtl: "1h" as const,
    };
    expect(estimateCost("openai:gpt-4o", openai, table)).toEqual({ usd: 1.25 });
  });
});

describe("totals", () => {
  test("sum priced costs and list unpriced models once", () => {
    const total = emptyCostTotal();
    addCost(total, { usd: 0.1 });
    addCost(total, { usd: 0.2 });
    addCost(total, { unpriced: true, model: "test:x" });
    addCost(total, { unpriced: true, model: "test:x" });
    expect(total).toEqual({ usd: 0.3, unpricedModels: ["test:x"] });
  });

  test("totalCost reads model-response events", () => {
    const events = [
      { type: "model-response", cost: { usd: 0.5 } },
      { type: "text-delta" },
      { type: "model-response", cost: { unpriced: true as const, model: "anthropic:claude-next" } },
    ];
    expect(totalCost(events)).toEqual({ usd: 0.5, unpricedModels: ["anthropic:claude-next"] });
  });
});

describe("the shipped price table", () => {
  test("loads, says when it was compiled, and prices current models of each provider", () => {
    const shipped = loadPriceTable();
    expect(shipped.compiled).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const provider of Object.keys(shipped.providers)) {
      expect(shipped.sources[provider]?.url, provider).toMatch(/^https:\/\//);
      expect(shipped.sources[provider]?.checked, provider).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const model of [
      "anthropic:claude-sonnet-4-5",
      "anthropic:claude-haiku-4-5",
      "openai:gpt-5",
      "google:gemini-2.5-pro",
    ]) {
      expect(estimateCost(model, { inputTokens: 1000, outputTokens: 1000 })).toHaveProperty("usd");
    }
  });

  test("every alias is unique across a provider's models", () => {
    for (const models of Object.values(loadPriceTable().providers)) {
      const names = Object.entries(models).flatMap(([id, price]) => [id, ...(price.aliases ?? [])]);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
