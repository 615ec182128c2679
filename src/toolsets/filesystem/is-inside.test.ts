import { describe, expect, it } from "vitest";
import { isInside } from "./is-inside.js";

describe("isInside", () => {
  it("accepts the base and paths below it", () => {
    expect(isInside("/srv/base", "/srv/base")).toBe(true);
    expect(isInside("/srv/base", "/srv/base/a/b")).toBe(true);
    expect(isInside("/srv/base", "/srv/base/..hidden")).toBe(true);
    expect(isInside("/", "/etc")).toBe(true);
  });

  it("refuses parents, siblings and prefixes of the name", () => {
    expect(isInside("/srv/base", "/srv")).toBe(false);
    expect(isInside("/srv/base", "/srv/other")).toBe(false);
    expect(isInside("/srv/base", "/srv/base-evil")).toBe(false);
  });
});
