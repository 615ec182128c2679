import { describe, expect, test } from "vitest";
import { mapConcurrent } from "./map-concurrent.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("mapConcurrent", () => {
  test("keeps at most `limit` in flight and returns results in the order of the items", async () => {
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = mapConcurrent([0, 1, 2], 2, async (item) => {
      started.push(item);
      await gates[item]!.promise;
      return item * 10;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[2]!.resolve();
    gates[0]!.resolve();
    expect(await done).toEqual([0, 10, 20]);
  });

  test("starts nothing new after a failure, and rejects with it once the rest settled", async () => {
    const started: number[] = [];
    const outcome = mapConcurrent([0, 1, 2, 3], 1, async (item) => {
      started.push(item);
      if (item === 1) throw new Error("aborted");
      return item;
    });
    await expect(outcome).rejects.toThrow("aborted");
    expect(started).toEqual([0, 1]);
  });

  test("an empty list is an empty result", async () => {
    expect(await mapConcurrent([], 4, async () => 1)).toEqual([]);
  });
});
