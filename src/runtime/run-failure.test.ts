import { describe, expect, test } from "vitest";
import { ConfigError, isLlmDoError } from "../errors.js";
import { RunFailure } from "./run-failure.js";

describe("RunFailure", () => {
  test("keeps the first failure and aborts the run's signal with it", () => {
    const failure = new RunFailure();
    expect(failure.signal.aborted).toBe(false);
    const first = new ConfigError("first");
    failure.fail(first);
    failure.fail(new ConfigError("second"));
    expect(failure.error).toBe(first);
    expect(failure.signal.reason).toBe(first);
  });

  test("the caller's signal aborts the run with an AbortError, without recording a failure", () => {
    const caller = new AbortController();
    const failure = new RunFailure(caller.signal);
    caller.abort();
    expect(isLlmDoError(failure.signal.reason, "ABORTED")).toBe(true);
    expect(failure.error).toBeUndefined();
  });

  test("a signal aborted before the run starts aborts it at once", () => {
    const failure = new RunFailure(AbortSignal.abort());
    expect(failure.signal.aborted).toBe(true);
  });

  test("once disposed, the caller's signal no longer reaches the run", () => {
    const caller = new AbortController();
    const failure = new RunFailure(caller.signal);
    failure[Symbol.dispose]();
    caller.abort();
    expect(failure.signal.aborted).toBe(false);
  });
});
