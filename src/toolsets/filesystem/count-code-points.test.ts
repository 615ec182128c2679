import { describe, expect, it } from "vitest";
import { countCodePoints } from "./count-code-points.js";

describe("countCodePoints", () => {
  it("counts code points, not UTF-16 units or bytes", () => {
    expect(countCodePoints("")).toBe(0);
    expect(countCodePoints("abc")).toBe(3);
    expect(countCodePoints("é€")).toBe(2);
    expect(countCodePoints("a😀b")).toBe(3);
  });

  it("counts a lone surrogate as one character", () => {
    expect(countCodePoints("a\ud83d")).toBe(2);
    expect(countCodePoints("\ude00b")).toBe(2);
  });
});
