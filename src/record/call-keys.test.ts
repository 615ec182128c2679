import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { CallKeys, compareOrder } from "./call-keys.js";
import { normalizeKey, pathOfKey, stepOfKey } from "./exchange-key.js";

function start(callId: string, name: string, kind: "worker" | "tool", parentCallId?: string): RunEvent {
  return {
    type: "call-start",
    callId,
    ...(parentCallId ? { parentCallId } : {}),
    name,
    kind,
    path: [],
    depth: 1,
    input: {},
  };
}

describe("CallKeys", () => {
  test("keys name every worker's step on the path; repeated calls from one step get #n", () => {
    const keys = new CallKeys();
    keys.onEvent(start("m", "main", "worker"));
    expect(keys.beginRequest("m")).toMatchObject({ key: "main/1", step: 1 });
    keys.onEvent(start("a1", "analyzer", "worker", "m"));
    keys.onEvent(start("a2", "analyzer", "worker", "m"));
    keys.onEvent(start("t", "pipeline", "tool", "m"));
    expect(keys.beginRequest("a1").key).toBe("main/1 > analyzer/1");
    expect(keys.beginRequest("a2").key).toBe("main/1 > analyzer#2/1");
    keys.onEvent(start("r1", "reviewer", "worker", "t"));
    keys.onEvent(start("r2", "reviewer", "worker", "t"));
    expect(keys.keyOf("r1")).toBe("main/1 > pipeline > reviewer");
    expect(keys.keyOf("r2")).toBe("main/1 > pipeline > reviewer#2");
    keys.completeRequest("m", 1);
    expect(keys.beginRequest("m").key).toBe("main/2");
    keys.onEvent(start("a3", "analyzer", "worker", "m"));
    expect(keys.keyOf("a3")).toBe("main/2 > analyzer");
  });

  test("a retried request keeps its step", () => {
    const keys = new CallKeys();
    keys.onEvent(start("m", "main", "worker"));
    expect(keys.beginRequest("m").step).toBe(1);
    expect(keys.beginRequest("m").step).toBe(1);
    keys.completeRequest("m", 1);
    expect(keys.beginRequest("m").step).toBe(2);
  });

  test("tree order: a step's request, then the calls it made, then the next step", () => {
    const keys = new CallKeys();
    keys.onEvent(start("m", "main", "worker"));
    const first = keys.beginRequest("m").order;
    keys.onEvent(start("a", "analyzer", "worker", "m"));
    const child = keys.beginRequest("a").order;
    keys.completeRequest("m", 1);
    const second = keys.beginRequest("m").order;
    expect(compareOrder(first, child)).toBe(-1);
    expect(compareOrder(child, second)).toBe(-1);
    expect(compareOrder(keys.orderOf("a"), child)).toBe(-1);
  });
});

describe("exchange keys", () => {
  test("normalise spacing and #1; split into path and step", () => {
    expect(normalizeKey(" main/1>analyzer#1/2 ")).toBe("main/1 > analyzer/2");
    expect(normalizeKey("main/1 > analyzer#2/2")).toBe("main/1 > analyzer#2/2");
    expect(pathOfKey("main/1 > pipeline > analyzer#2/3")).toEqual(["main", "pipeline", "analyzer"]);
    expect(stepOfKey("main/1 > analyzer/3")).toBe(3);
    expect(stepOfKey("main/1 > write_file")).toBeUndefined();
  });
});
