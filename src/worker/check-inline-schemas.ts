/**
 * @module The load-time check of a worker's inline `schema_in` / `schema_out`: a JSON Schema
 * llm-do can enforce, describing an object, or an error at the offending key.
 */
import { errorMessage } from "../errors.js";
import { checkJsonSchema } from "./check-json-schema.js";
import type { FieldErrorReporter } from "./field-error-reporter.js";
import { asObjectSchema, toZodSchema } from "./inline-json-schema.js";
import type { WorkerFrontMatter } from "./worker-schema.js";

const FIELDS = ["schema_in", "schema_out"] as const;

/**
 * Checks each inline schema of the front matter. Contract: throws the reporter's
 * `WorkerFileError` at the offending keyword for an unknown or malformed keyword, a `$ref` to
 * nothing, a keyword that cannot be enforced, or a top-level type other than `object` (a schema
 * without one is an object schema).
 */
export function checkInlineSchemas(frontMatter: WorkerFrontMatter, reporter: FieldErrorReporter): void {
  for (const field of FIELDS) {
    const schema = frontMatter[field];
    if (typeof schema !== "object" || schema === null) continue;
    const found = checkJsonSchema(schema);
    if (found) throw reporter.at([field, ...found.path], `${field}: ${found.message}`);
    if (Object.hasOwn(schema, "type") && schema.type !== "object") {
      throw reporter.at(
        [field, "type"],
        `${field} must be an object schema ('type: object' at its top): a worker's input and output are named fields`,
      );
    }
    try {
      toZodSchema(asObjectSchema(schema));
    } catch (error) {
      throw reporter.at([field], `${field} cannot be enforced: ${errorMessage(error)}`);
    }
  }
}
