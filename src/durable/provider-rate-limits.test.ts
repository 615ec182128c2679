import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, rateLimitOf, resolveRateLimits } from "./provider-rate-limits.js";

describe("provider rate limits", () => {
  it("start from the defaults; a project's entry replaces one, 'off' removes one", () => {
    const limits = resolveRateLimits({
      anthropic: { requests: 5, period: 1 },
      openai: { off: true },
      "google:gemini-2.5-flash": { concurrency: 3 },
    });
    expect(limits.get("anthropic")).toEqual({ requests: 5, periodSec: 1 });
    expect(limits.has("openai")).toBe(false);
    expect(limits.get("google")).toEqual(DEFAULT_RATE_LIMITS.google);
    expect(limits.get("google:gemini-2.5-flash")).toEqual({ periodSec: 60, concurrency: 3 });
  });

  it("sends a model's requests to its own queue, else its provider's (or account's), else none", () => {
    const limits = resolveRateLimits({ "google:gemini-2.5-flash": { concurrency: 3 } });
    expect(rateLimitOf(limits, "google:gemini-2.5-flash")).toEqual({
      key: "google:gemini-2.5-flash",
      queue: "llm-do.model.google:gemini-2.5-flash",
    });
    expect(rateLimitOf(limits, "google:gemini-2.5-pro")?.key).toBe("google");
    expect(rateLimitOf(limits, "openai-chat:gpt-4o")?.key).toBe("openai");
    expect(rateLimitOf(limits, "ollama:llama3")).toBeUndefined();
    expect(rateLimitOf(limits, "test")).toBeUndefined();
    expect(
      rateLimitOf(resolveRateLimits({ anthropic: { off: true } }), "anthropic:claude-haiku-4-5"),
    ).toBeUndefined();
  });
});
