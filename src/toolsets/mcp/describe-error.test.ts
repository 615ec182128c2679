import { describe, expect, test } from "vitest";
import { describeError } from "./describe-error.js";

describe("describeError", () => {
  test("adds the causes that say something new", () => {
    const error = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    expect(describeError(error)).toBe("fetch failed (connect ECONNREFUSED 127.0.0.1:9)");
    expect(describeError(new Error("spawn x ENOENT", { cause: new Error("ENOENT") }))).toBe("spawn x ENOENT");
  });

  test("describes values that are not errors", () => {
    expect(describeError("plain text")).toBe("plain text");
    expect(describeError(new Error(""))).toBe("unknown error");
  });
});
