/**
 * @module JSON Schema validation for `json_schema` checks, with zod's own converter
 * (`z.fromJSONSchema`): no validator of our own.
 */
import { z } from "zod";
import type { SchemaValidator } from "./eval-case.js";

/**
 * Compiles a JSON Schema into a validator that lists the problems of a value, each as
 * `'path': message` (`the output: message` at the top). Contract: throws when zod cannot
 * convert the schema (an unknown type, a `$ref` it cannot resolve).
 */
export function createSchemaValidator(schema: unknown): SchemaValidator {
  const zodSchema = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (value) => {
    const result = zodSchema.safeParse(value);
    if (result.success) return [];
    return result.error.issues.map((issue) => `${pathLabel(issue.path)}: ${issue.message}`);
  };
}

function pathLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "the output";
  let label = "";
  for (const segment of path) {
    label += typeof segment === "number" ? `[${segment}]` : `${label ? "." : ""}${String(segment)}`;
  }
  return `'${label}'`;
}
