/**
 * The shipped price table (data/model-prices.json) against a maintained price list,
 * `@pydantic/genai-prices` (a dev dependency: llm-do reads its own small table at run time). A
 * failure here means a price changed upstream or in our table: check the provider's pricing page
 * (the table's `sources`), then update the table and its `checked` date.
 */
import { calcPrice } from "@pydantic/genai-prices";
import { describe, expect, test } from "vitest";
import { loadPriceTable, type ModelPrice } from "./estimate-cost.js";

type Tiered = number | { base: number; tiers: Array<{ start: number; price: number }> } | undefined;

/** Our rates for one field, as the library writes them: a number, or a base with one tier. */
function ours(
  price: ModelPrice,
  field: "input" | "output" | "cacheRead" | "cacheWrite" | "cacheWrite1h",
): Tiered {
  const base = price[field];
  const long = price.longContext;
  if (base === undefined || !long || long[field] === undefined) return base;
  return { base, tiers: [{ start: long.aboveInputTokens, price: long[field]! }] };
}

const fields = {
  input: "input_mtok",
  output: "output_mtok",
  cacheRead: "cache_read_mtok",
  cacheWrite: "cache_write_mtok",
  cacheWrite1h: "cache_write_1h_mtok",
} as const;

const table = loadPriceTable();
const models = Object.entries(table.providers).flatMap(([provider, prices]) =>
  Object.entries(prices).map(([id, price]) => ({ provider, id, price })),
);

describe("data/model-prices.json agrees with @pydantic/genai-prices", () => {
  test.each(models)("$provider:$id", ({ provider, id, price }) => {
    const found = calcPrice({ input_tokens: 1, output_tokens: 1 }, id, { providerId: provider });
    expect(found, `genai-prices does not know ${provider}:${id}`).not.toBeNull();
    const theirs = found!.model_price as Record<string, Tiered>;
    for (const [field, key] of Object.entries(fields) as Array<[keyof typeof fields, string]>) {
      const mine = ours(price, field);
      const expected = theirs[key];
      // A price we leave out is charged at the input (or 5-minute write) price: only right
      // when there is no such price.
      if (mine === undefined) {
        expect(expected, `${provider}:${id} ${field} is missing from our table`).toBeUndefined();
        continue;
      }
      // genai-prices states no long-context tier for some models we do; compare the base then.
      const comparable = typeof mine === "object" && typeof expected === "number" ? mine.base : mine;
      expect(comparable, `${provider}:${id} ${field}`).toEqual(expected);
    }
  });
});
