import { afterEach, describe, expect, it } from "vitest";
import { AbortError, DurableStateError } from "../errors.js";
import type { RunEventOf } from "../events/run-event.js";
import { type TempProject, tempProject } from "../testing/temp-project.js";
import type { BatchEvent } from "./batch-event.js";
import type { BatchItem, BatchResult } from "./batch-item.js";
import { ResultsFile } from "./results-file.js";
import { type ItemControl, runBatch } from "./run-batch.js";

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
});

const usage = {
  inputTokens: 5,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 5,
  totalTokens: 10,
  requests: 1,
};
const items = (count: number): BatchItem[] =>
  Array.from({ length: count }, (_, index) => ({ key: String(index + 1), input: `item ${index + 1}` }));
const ok = (item: BatchItem): BatchResult => ({
  key: item.key,
  input: item.input,
  outcome: "ok",
  output: `done ${item.key}`,
  usage,
  cost: { usd: 0.01, unpricedModels: [] },
  durationMs: 1,
});
const response = (): RunEventOf<"model-response"> => ({
  type: "model-response",
  callId: "c",
  path: ["main"],
  step: 1,
  model: "m",
  usage,
  finishReason: "stop",
  cost: { usd: 0.01 },
});

async function openResults(): Promise<ResultsFile> {
  project = await tempProject();
  return ResultsFile.open(project.path("results.jsonl"));
}

/** An item that waits until the batch aborts it. */
function untilAborted(control: ItemControl): Promise<never> {
  return new Promise((_, reject) => control.signal.addEventListener("abort", () => reject(new AbortError())));
}

describe("runBatch", () => {
  it("runs the items without a result, a few at a time, and records failures as results", async () => {
    const results = await openResults();
    results.append(ok({ key: "1", input: "item 1" }));
    let running = 0;
    let most = 0;
    const events: BatchEvent[] = [];
    const summary = await runBatch({
      items: items(6),
      results,
      concurrency: 2,
      durable: false,
      onEvent: (event) => events.push(event),
      runItem: async (item) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return item.key === "4"
          ? { ...ok(item), outcome: "error", output: undefined, error: { name: "Error", message: "no" } }
          : ok(item);
      },
    });
    expect(most).toBe(2);
    expect([...results.done.keys()].sort()).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(summary).toMatchObject({
      outcome: "failed",
      totals: { total: 6, done: 6, failed: 1, alreadyDone: 1, usage: { requests: 6 }, cost: { usd: 0.06 } },
    });
    expect(events[0]).toMatchObject({ type: "batch-start", total: 6, alreadyDone: 1, concurrency: 2 });
    expect(events.filter((event) => event.type === "item-end")).toHaveLength(5);
    expect(events.at(-1)).toMatchObject({ type: "batch-end", outcome: "failed" });
  });

  it("refuses to go on when the inputs changed since the results were written", async () => {
    const results = await openResults();
    results.append(ok({ key: "2", input: "something else" }));
    let ran = 0;
    await expect(
      runBatch({
        items: items(3),
        results,
        concurrency: 1,
        durable: false,
        runItem: async (item) => {
          ran += 1;
          return ok(item);
        },
      }),
    ).rejects.toThrow(/has a result for item 2 with another input than the inputs have now/);
    expect(ran).toBe(0);
  });

  it("stops at the batch budget: running items are marked interrupted, then aborted, and get no result", async () => {
    const results = await openResults();
    results.append(ok({ key: "1", input: "item 1" }));
    const interrupted: string[][] = [];
    const summary = await runBatch({
      items: items(10),
      results,
      concurrency: 3,
      durable: true,
      budget: { maxCalls: 3 },
      interrupt: async (keys) => {
        interrupted.push([...keys]);
      },
      runItem: async (_item, control) => {
        control.onEvent(response());
        return untilAborted(control);
      },
    });
    expect(summary.outcome).toBe("stopped");
    expect(String(summary.error)).toMatch(
      /Budget exceeded: max_calls 3 for the batch \(--max-calls\) was crossed by item \d+ \(main, step 1\); 4 model requests made/,
    );
    expect(interrupted).toEqual([["2", "3", "4"]]);
    expect([...results.done.keys()]).toEqual(["1"]);
    expect(summary.totals).toMatchObject({ total: 10, done: 1 });
  });

  it("writes no line for a durable item that finished while it was being interrupted (its record has it)", async () => {
    const results = await openResults();
    const ran: string[] = [];
    const summary = await runBatch({
      items: items(3),
      results,
      concurrency: 1,
      parallel: 3,
      durable: true,
      budget: { maxCalls: 1 },
      interrupt: async () => {},
      runItem: async (item, control) => {
        ran.push(item.key);
        if (item.key === "2") {
          control.onEvent(response());
          control.onEvent(response());
        }
        // Finishes anyway: the interruption came too late for it.
        return ok(item);
      },
    });
    expect(summary.outcome).toBe("stopped");
    // Items 1 and 2 were running when item 2 crossed the budget; item 3 never started.
    expect(ran).toEqual(["1", "2"]);
    expect(results.done.size).toBe(0);
  });

  it("ends as aborted on Ctrl+C, and as stopped when an item's durable state fails", async () => {
    const results = await openResults();
    const controller = new AbortController();
    const aborted = await runBatch({
      items: items(4),
      results,
      concurrency: 2,
      durable: false,
      signal: controller.signal,
      runItem: (_item, control) => {
        controller.abort(new AbortError());
        return untilAborted(control);
      },
    });
    expect(aborted.outcome).toBe("aborted");
    expect(results.done.size).toBe(0);

    const stopped = await runBatch({
      items: items(4),
      results,
      concurrency: 1,
      durable: true,
      runItem: async () => {
        throw new DurableStateError("cannot record step 'main/1': connection refused");
      },
    });
    expect(stopped).toMatchObject({ outcome: "stopped", totals: { done: 0 } });
    expect(String(stopped.error)).toContain("connection refused");
  });
});
