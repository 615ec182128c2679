/**
 * @module The input schema a worker exposes as a tool: `{ input, attachments? }` by default,
 * or its `schema_in`.
 */
import type { FlexibleSchema } from "ai";
import { z } from "zod";
import { ConfigError, errorMessage } from "../errors.js";
import { inlineJsonSchema } from "../worker/inline-json-schema.js";
import type { SchemaSource } from "../worker/worker-definition.js";

/** The default input of a worker called as a tool. */
export const defaultWorkerInput = z.object({
  input: z.string().describe("The task or question for this worker."),
  attachments: z
    .array(z.string())
    .optional()
    .describe("Paths of files (PDFs, images) to send to the worker along with the input."),
});

/** True for zod (or any Standard Schema) values. */
export function isStandardSchema(value: unknown): value is FlexibleSchema<unknown> {
  return typeof value === "object" && value !== null && "~standard" in value;
}

/**
 * Turns a schema source into a schema. References are looked up in already loaded modules.
 * Contract: throws ConfigError when a referenced export is missing or not a schema.
 */
export function schemaFromSource(
  source: SchemaSource,
  modules: ReadonlyMap<string, Record<string, unknown>>,
  what: string,
): FlexibleSchema<unknown> {
  if (source.type === "json-schema") return checkedInlineSchema(source.schema, what);
  const exports = modules.get(source.file);
  if (!exports) throw new ConfigError(`${what}: schema file ${source.file} was not loaded`);
  const value = exports[source.exportName];
  if (value === undefined) {
    const names = Object.keys(exports).join(", ") || "none";
    throw new ConfigError(`${what}: ${source.file} has no export '${source.exportName}' (exports: ${names})`);
  }
  if (!isStandardSchema(value)) {
    throw new ConfigError(`${what}: export '${source.exportName}' of ${source.file} is not a zod schema`);
  }
  return value;
}

/**
 * The inline JSON Schema, enforced on every value (the one conversion, {@link inlineJsonSchema}).
 * Loading checks schemas first; this still names the worker should zod refuse one.
 * Contract: throws ConfigError when zod cannot convert the schema.
 */
function checkedInlineSchema(schema: Record<string, unknown>, what: string): FlexibleSchema<unknown> {
  try {
    return inlineJsonSchema(schema);
  } catch (error) {
    throw new ConfigError(`${what}: cannot check values against this JSON Schema: ${errorMessage(error)}`);
  }
}
