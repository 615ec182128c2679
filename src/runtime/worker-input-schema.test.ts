import { asSchema } from "ai";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { schemaFromSource } from "./worker-input-schema.js";

const validate = (schema: Record<string, unknown>, value: unknown) =>
  asSchema(schemaFromSource({ type: "json-schema", schema }, new Map(), "a.worker: schema_in")).validate!(
    value,
  );

describe("schemaFromSource with an inline JSON Schema", () => {
  const schema = {
    type: "object",
    properties: { url: { type: "string" }, depth: { type: "integer", minimum: 0 } },
    required: ["url"],
  };

  it("accepts values that match", async () => {
    expect(await validate(schema, { url: "https://example.com", depth: 2 })).toEqual({
      success: true,
      value: { url: "https://example.com", depth: 2 },
    });
  });

  it("refuses values that do not, with zod's issues", async () => {
    const result = await validate(schema, { depth: -1 });
    expect(result.success).toBe(false);
    const error = (result as { error: unknown }).error as { issues: { path: string[] }[] };
    const issues = error.issues;
    expect(issues.map((issue) => issue.path.join("."))).toEqual(["url", "depth"]);
  });

  it("refuses a schema it cannot check values against, naming it", () => {
    expect(() => validate({ type: "frobnicate" }, {})).toThrow(ConfigError);
    expect(() => validate({ type: "frobnicate" }, {})).toThrow(
      "a.worker: schema_in: cannot check values against this JSON Schema: Unsupported type: frobnicate",
    );
  });
});
