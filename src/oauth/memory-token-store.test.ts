import { describe, expect, it } from "vitest";
import { createMemoryTokenStore } from "./memory-token-store.js";

describe("createMemoryTokenStore", () => {
  it("stores, returns copies, and removes", async () => {
    const credentials = { type: "oauth" as const, refresh: "r", access: "a", expires: 1 };
    const store = createMemoryTokenStore({ anthropic: credentials });
    const loaded = await store.get("anthropic");
    expect(loaded).toEqual(credentials);
    if (loaded) loaded.access = "changed";
    expect((await store.get("anthropic"))?.access).toBe("a");
    expect(await store.remove("anthropic")).toBe(true);
    expect(await store.get("anthropic")).toBeUndefined();
  });
});
