import { describe, expect, it } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { SubtreeCosts } from "./subtree-costs.js";

const start = (callId: string, parentCallId?: string): RunEvent => ({
  type: "call-start",
  callId,
  ...(parentCallId ? { parentCallId } : {}),
  name: callId,
  kind: "worker",
  path: [callId],
  depth: 1,
  input: {},
});
const usage = {
  inputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 1,
  totalTokens: 2,
  requests: 1,
};
const response = (callId: string, cost: { usd: number } | { unpriced: true; model: string }): RunEvent => ({
  type: "model-response",
  callId,
  path: [callId],
  step: 1,
  model: "m",
  usage,
  finishReason: "stop",
  cost,
});

describe("SubtreeCosts", () => {
  it("counts each response for its call and every call above it", () => {
    const costs = new SubtreeCosts();
    for (const event of [
      start("main"),
      start("tool", "main"),
      start("helper", "tool"),
      start("other", "main"),
      response("helper", { usd: 0.25 }),
      response("other", { unpriced: true, model: "x:y" }),
      response("main", { usd: 0.5 }),
    ])
      costs.onEvent(event);
    expect(costs.costOf("tool")).toEqual({ usd: 0.25, unpricedModels: [] });
    expect(costs.costOf("main")).toEqual({ usd: 0.75, unpricedModels: ["x:y"] });
    expect(costs.costOf("nothing")).toEqual({ usd: 0, unpricedModels: [] });
  });

  it("adds recorded costs of calls that were not run again to the calls above them", () => {
    const costs = new SubtreeCosts();
    costs.onEvent(start("main"));
    costs.onEvent(start("tool", "main"));
    costs.addRecorded("tool", { usd: 0.1, unpricedModels: ["x:y"] });
    expect(costs.costOf("main")).toEqual({ usd: 0.1, unpricedModels: ["x:y"] });
  });
});
