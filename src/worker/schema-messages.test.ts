import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeValue, fieldLabel, mappingOf, mustBe } from "./schema-messages.js";

function messageOf(schema: z.ZodType, value: unknown): string | undefined {
  return schema.safeParse(value).error?.issues[0]?.message;
}

describe("describeValue", () => {
  it("renders scalars, and names collections", () => {
    expect(describeValue("hot")).toBe('"hot"');
    expect(describeValue(2.5)).toBe("2.5");
    expect(describeValue(false)).toBe("false");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("nothing");
    expect(describeValue([1])).toBe("a list");
    expect(describeValue({ a: 1 })).toBe("a mapping");
  });

  it("shortens long strings", () => {
    expect(describeValue("x".repeat(50))).toBe(`"${"x".repeat(40)}..."`);
  });
});

describe("fieldLabel", () => {
  it("names the last key, with trailing list indexes", () => {
    expect(fieldLabel(["model_settings", "temperature"])).toBe("temperature");
    expect(fieldLabel(["model_settings", "stop_sequences", 1])).toBe("stop_sequences[1]");
    expect(fieldLabel(["matrix", 0, 2])).toBe("matrix[0][2]");
    expect(fieldLabel([])).toBe("");
    expect(fieldLabel(undefined)).toBe("");
  });
});

describe("mustBe", () => {
  it("builds messages for type errors and failed checks", () => {
    const error = mustBe("a number between 0 and 2");
    const schema = z.object({ temperature: z.number(error).max(2, error) });
    expect(messageOf(schema, { temperature: "hot" })).toBe(
      "field 'temperature' must be a number between 0 and 2 (got \"hot\")",
    );
    expect(messageOf(schema, { temperature: 3 })).toBe(
      "field 'temperature' must be a number between 0 and 2 (got 3)",
    );
  });
});

describe("mappingOf", () => {
  const schema = z.object({
    settings: z.strictObject(
      { temperature: z.number().optional() },
      mappingOf(["temperature"], { where: () => "settings" }),
    ),
  });

  it("suggests a close field for an unknown key", () => {
    expect(messageOf(schema, { settings: { temprature: 1 } })).toBe(
      "unknown field 'temprature' in settings (did you mean 'temperature'?)",
    );
  });

  it("lists the valid fields when nothing is close", () => {
    expect(messageOf(schema, { settings: { colour: 1 } })).toBe(
      "unknown field 'colour' in settings (valid fields: temperature)",
    );
  });

  it("says what a value that is not a mapping must be", () => {
    expect(messageOf(schema, { settings: [] })).toBe("field 'settings' must be a mapping (got a list)");
    const custom = z.strictObject({}, mappingOf([], { expected: "a mapping like { a: 1 }" }));
    expect(messageOf(z.object({ entry: custom }), { entry: 3 })).toBe(
      "field 'entry' must be a mapping like { a: 1 } (got 3)",
    );
  });
});
