import { describe, expect, it } from "vitest";
import type { BatchEvent } from "./batch-event.js";
import { BatchProgress, formatDuration } from "./batch-progress.js";

const usage = {
  inputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 1,
  totalTokens: 2,
  requests: 1,
};
const cost = { usd: 0.01, unpricedModels: [] };
const end = (key: string, failed = false): BatchEvent =>
  failed
    ? {
        type: "item-end",
        key,
        outcome: "error",
        error: { name: "Error", message: "x" },
        usage,
        cost,
        durationMs: 1,
      }
    : { type: "item-end", key, outcome: "ok", usage, cost, durationMs: 1 };

describe("BatchProgress", () => {
  it("says done/total, failures, running items, rate, cost and time left", () => {
    let now = 0;
    const progress = new BatchProgress(() => now);
    progress.onBatchEvent({
      type: "batch-start",
      total: 20,
      alreadyDone: 4,
      alreadyFailed: 1,
      alreadyCost: { usd: 0.5, unpricedModels: [] },
      concurrency: 2,
      durable: true,
      time: "",
    });
    for (const key of ["5", "6", "7"]) progress.onBatchEvent({ type: "item-start", key });
    progress.onBatchEvent(end("5"));
    progress.onBatchEvent(end("6", true));
    progress.onModelResponse({
      type: "model-response",
      callId: "c",
      path: ["main"],
      step: 1,
      model: "m",
      usage,
      finishReason: "stop",
      cost: { usd: 0.0123 },
    });
    now = 4000;
    expect(progress.line()).toBe("6/20 done, 2 failed, 1 running, 0.5 items/s, ~$0.5123, 28s left");
  });

  it("shows no rate or time left before an item finished, and marks unpriced models", () => {
    const progress = new BatchProgress(() => 0);
    progress.onBatchEvent({
      type: "batch-start",
      total: 3,
      alreadyDone: 0,
      alreadyFailed: 0,
      alreadyCost: { usd: 0, unpricedModels: [] },
      concurrency: 1,
      durable: false,
      time: "",
    });
    progress.onModelResponse({
      type: "model-response",
      callId: "c",
      path: ["main"],
      step: 1,
      model: "x:y",
      usage,
      finishReason: "stop",
      cost: { unpriced: true, model: "x:y" },
    });
    expect(progress.line()).toBe("0/3 done, ~$0.0000 + unpriced");
  });
});

describe("formatDuration", () => {
  it("uses seconds, then minutes, then hours", () => {
    expect([formatDuration(42.4), formatDuration(185), formatDuration(7380)]).toEqual([
      "42s",
      "3m05s",
      "2h03m",
    ]);
  });
});
