import { describe, expect, it } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { quietEventText } from "./quiet-event-text.js";

const drift = (fatal: boolean): RunEvent => ({
  type: "replay-drift",
  key: "main/2",
  path: ["main"],
  message: "Replay drift at main/2 (call path main, step 2): the request differs from demo.replay:\n  - x",
  fatal,
});

describe("quietEventText", () => {
  it("shows a reported drift, every line of it", () => {
    expect(quietEventText(drift(false))).toBe(
      "Replay drift at main/2 (call path main, step 2): the request differs from demo.replay:\n  - x\n",
    );
  });

  it("leaves a fatal drift to the error that ends the run, and shows no progress", () => {
    expect(quietEventText(drift(true))).toBe("");
    expect(quietEventText({ type: "text-delta", callId: "1", path: ["main"], text: "hi" })).toBe("");
  });
});
