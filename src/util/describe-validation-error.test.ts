import { asSchema } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeValidationError } from "./describe-validation-error.js";

describe("describeValidationError", () => {
  it("puts every issue of a zod schema on one line", async () => {
    const schema = asSchema(z.strictObject({ company: z.string(), year: z.number() }));
    const result = await schema.validate!({ year: "soon", extra: 1 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeValidationError(result.error)).toBe(
      'company: expected string, received undefined; year: expected number, received string; unrecognized key: "extra"',
    );
  });

  it("falls back to the message, on one line", () => {
    expect(describeValidationError(new Error("bad\n  input"))).toBe("bad input");
  });
});
