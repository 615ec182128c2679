import { expect, test } from "vitest";
import { createSchemaValidator } from "../schema-validator.js";
import { jsonSchemaCheck } from "./json-schema-check.js";

const check = {
  type: "json-schema" as const,
  validate: createSchemaValidator({
    type: "object",
    properties: { slug: { type: "string", pattern: "^[a-z-]+$" }, score: { type: "integer", maximum: 5 } },
    required: ["slug", "score"],
  }),
};

test("a structured output that satisfies the schema passes", () => {
  expect(jsonSchemaCheck(check, { slug: "acme", score: 4 })).toEqual({
    label: "json_schema",
    pass: true,
    reason: "valid",
  });
});

test("a failure lists every problem with its path", () => {
  const outcome = jsonSchemaCheck(check, { slug: "Acme!", score: 9 });
  expect(outcome.pass).toBe(false);
  expect(outcome.reason).toBe(
    "'slug': Invalid string: must match pattern /^[a-z-]+$/; 'score': Too big: expected number to be <=5",
  );
});

test("a string that holds a JSON object is checked as that object; other strings as strings", () => {
  expect(jsonSchemaCheck(check, '  {"slug":"acme","score":3}').pass).toBe(true);
  expect(jsonSchemaCheck(check, '{"slug":"acme"').reason).toBe(
    "the output: Invalid input: expected object, received string",
  );
  expect(jsonSchemaCheck({ ...check, validate: createSchemaValidator({ type: "string" }) }, "42").pass).toBe(
    true,
  );
});
