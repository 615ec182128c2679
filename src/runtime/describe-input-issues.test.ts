import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeInputIssues } from "./describe-input-issues.js";

describe("describeInputIssues", () => {
  it("puts every issue of a zod error on one line, with its path", () => {
    const result = z.object({ n: z.number(), tags: z.array(z.string()) }).safeParse({ tags: ["a", 2] });
    expect(describeInputIssues(result.error)).toBe(
      "'n': expected number, received undefined; 'tags.1': expected string, received number",
    );
  });

  it("gives an issue at the top without a path", () => {
    expect(describeInputIssues(z.object({}).safeParse("x").error)).toBe("expected object, received string");
  });

  it("gives any other error's message", () => {
    expect(describeInputIssues(new Error("bad"))).toBe("bad");
    expect(describeInputIssues({ issues: [] })).toBe("[object Object]");
  });
});
