import { describe, expect, it } from "vitest";
import { parseWorkerFile } from "./parse-worker-file.js";

describe("max_steps, idle_timeout and request_timeout", () => {
  it("become the worker's limits, timeouts in milliseconds", () => {
    const worker = parseWorkerFile(
      "---\nname: a\nmax_steps: 7\nidle_timeout: 0.25\nrequest_timeout: 900\n---\n",
      "a.worker",
    );
    expect(worker).toMatchObject({ maxSteps: 7, idleTimeoutMs: 250, requestTimeoutMs: 900_000 });
  });

  it("are absent when not set (or null), so the run's limits apply", () => {
    const worker = parseWorkerFile("---\nname: a\nmax_steps: null\n---\n", "a.worker");
    expect(worker.maxSteps).toBeUndefined();
    expect(worker.idleTimeoutMs).toBeUndefined();
    expect(worker.requestTimeoutMs).toBeUndefined();
  });

  it("a timeout under a millisecond is one millisecond, never zero", () => {
    expect(parseWorkerFile("---\nname: a\nidle_timeout: 0.0001\n---\n", "a.worker").idleTimeoutMs).toBe(1);
  });
});
