/**
 * @module An inline JSON Schema (`schema_in` / `schema_out`) as a schema the AI SDK sends to the
 * model as written and enforces on every value, with zod's JSON Schema conversion, exactly as a
 * zod schema referenced with `./file.ts#Export` is enforced.
 */
import { type FlexibleSchema, jsonSchema } from "ai";
import { z } from "zod";

/**
 * The zod schema that enforces `schema`. Contract: throws when zod cannot convert it (check it with
 * `checkJsonSchema` first, for messages that point at the offending keyword).
 */
export function toZodSchema(schema: Record<string, unknown>): z.ZodType {
  // A registry of its own: the schema's annotations must not accumulate in zod's global one.
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { registry: z.registry() });
}

/**
 * The schema the model sees (the JSON Schema as written, with `type: object` when it has no
 * type: providers require it of tool inputs and structured outputs) with validation of every input and
 * output against it. Contract: throws like {@link toZodSchema}.
 */
export function inlineJsonSchema(written: Record<string, unknown>): FlexibleSchema<unknown> {
  const schema = asObjectSchema(written);
  const validator = toZodSchema(schema);
  return jsonSchema(schema as Parameters<typeof jsonSchema>[0], {
    validate: (value) => {
      const result = validator.safeParse(value);
      return result.success ? { success: true, value: result.data } : { success: false, error: result.error };
    },
  });
}

/** The schema with `type: object` added when it has no `type` (a worker's schemas describe objects). */
export function asObjectSchema(schema: Record<string, unknown>): Record<string, unknown> {
  return Object.hasOwn(schema, "type") ? schema : { type: "object", ...schema };
}
