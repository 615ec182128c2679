import { describe, expect, test } from "vitest";
import { isAbortError } from "./is-abort-error.js";

describe("isAbortError", () => {
  test("DOM and Node.js aborts, not other errors", () => {
    expect(isAbortError(new DOMException("stopped", "AbortError"))).toBe(true);
    expect(isAbortError(Object.assign(new Error("stopped"), { code: "ABORT_ERR" }))).toBe(true);
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError(new Error("AbortError"))).toBe(false);
    expect(isAbortError(new DOMException("late", "TimeoutError"))).toBe(false);
    expect(isAbortError("AbortError")).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});
