import { describe, expect, it } from "vitest";
import { TimeLimitError, withTimeLimit } from "./with-time-limit.js";

describe("withTimeLimit", () => {
  it("settles like the work when it finishes in time", async () => {
    await expect(withTimeLimit(async () => 42, 1000)).resolves.toBe(42);
    await expect(withTimeLimit(() => Promise.reject(new Error("boom")), 1000)).rejects.toThrow("boom");
    await expect(
      withTimeLimit(() => {
        throw new Error("thrown at once");
      }, 1000),
    ).rejects.toThrow("thrown at once");
  });

  it("rejects with TimeLimitError when the work never settles", async () => {
    const error = await withTimeLimit(() => new Promise(() => {}), 100).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeLimitError);
    expect((error as TimeLimitError).limitMs).toBe(100);
  });

  it("interrupts an endless synchronous loop, and the thread goes on", async () => {
    const started = Date.now();
    const error = await withTimeLimit(async () => {
      while (true) {}
    }, 200).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeLimitError);
    expect(Date.now() - started).toBeLessThan(4000);
    // Later work, timers and promises run as usual.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(withTimeLimit(async () => "after", 1000)).resolves.toBe("after");
  });

  it("interrupts a loop that starts after an await", async () => {
    const error = await withTimeLimit(async () => {
      await Promise.resolve();
      for (;;) {}
    }, 200).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeLimitError);
  });

  it("once work has timed out or finished, the thread may be busy without being interrupted", async () => {
    await withTimeLimit(() => new Promise(() => {}), 50).catch(() => undefined);
    await withTimeLimit(async () => "quick", 50);
    // Longer than the watchdog's grace: it would interrupt this if it still watched that work.
    const until = Date.now() + 1600;
    let spins = 0;
    while (Date.now() < until) spins++;
    expect(spins).toBeGreaterThan(0);
    await expect(withTimeLimit(async () => "still fine", 1000)).resolves.toBe("still fine");
  });

  it("does not interrupt work that is merely slow but yields, within the limit", async () => {
    const value = await withTimeLimit(async () => {
      const until = Date.now() + 150;
      while (Date.now() < until) await new Promise((resolve) => setImmediate(resolve));
      return "done";
    }, 2000);
    expect(value).toBe("done");
  });
});
