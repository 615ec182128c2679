import { asSchema } from "ai";
import { describe, expect, it } from "vitest";
import { inlineJsonSchema, toZodSchema } from "./inline-json-schema.js";

const schema = {
  type: "object",
  properties: { url: { type: "string" }, depth: { type: "integer", minimum: 0 } },
  required: ["url"],
  additionalProperties: false,
};

describe("inlineJsonSchema", () => {
  it("shows the model the schema as written", async () => {
    expect(await asSchema(inlineJsonSchema(schema)).jsonSchema).toEqual(schema);
  });

  it.each([
    [{ url: "a" }, true],
    [{ url: "a", depth: 2 }, true],
    [{ depth: 2 }, false],
    [{ url: "a", depth: -1 }, false],
    [{ url: "a", depth: 1.5 }, false],
    [{ url: "a", extra: true }, false],
    ["a", false],
  ])("validates %j: %s", async (value, valid) => {
    const result = await asSchema(inlineJsonSchema(schema)).validate!(value);
    expect(result.success).toBe(valid);
  });

  it("lets extra fields through when the schema does not forbid them, as JSON Schema does", async () => {
    const open = { type: "object", properties: { url: { type: "string" } } };
    const result = await asSchema(inlineJsonSchema(open)).validate!({ url: "a", extra: 1 });
    expect(result.success).toBe(true);
  });
});

describe("toZodSchema", () => {
  it("throws for what zod cannot enforce", () => {
    expect(() => toZodSchema({ type: "object", not: { type: "string" } })).toThrow(/not is not supported/);
  });
});

describe("a schema without a type", () => {
  it("is an object schema, for the model and for validation", async () => {
    const schema = asSchema(
      inlineJsonSchema({ properties: { answer: { type: "string" } }, required: ["answer"] }),
    );
    expect(await schema.jsonSchema).toMatchObject({ type: "object" });
    expect((await schema.validate!("text")).success).toBe(false);
    expect((await schema.validate!({ answer: "yes" })).success).toBe(true);
  });
});
