/**
 * @module Checks an inline JSON Schema (`schema_in` / `schema_out`) when the worker file loads:
 * every keyword is one llm-do enforces, with a value of the right shape, so a schema cannot
 * look strict while meaning nothing. Reports the first problem, with its key path.
 */
import { quote } from "../util/quote.js";
import { suggest } from "../util/suggest.js";

/** A problem in a schema: where (key path inside the schema) and what. */
export interface JsonSchemaProblem {
  path: (string | number)[];
  message: string;
}

/** The type names of JSON Schema. */
export const JSON_SCHEMA_TYPES = ["object", "array", "string", "number", "integer", "boolean", "null"];

type Check = (
  value: unknown,
  path: (string | number)[],
  context: WalkContext,
) => JsonSchemaProblem | undefined;

interface WalkContext {
  root: Record<string, unknown>;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const problem = (path: (string | number)[], message: string): JsonSchemaProblem => ({ path, message });

const keywordOf = (path: (string | number)[]) => String(path.at(-1));

const shaped =
  (test: (value: unknown) => boolean, expected: string): Check =>
  (value, path) =>
    test(value) ? undefined : problem(path, `'${keywordOf(path)}' must be ${expected} (got ${show(value)})`);

const schema: Check = (value, path, context) => walkSchema(value, path, context);

const schemaMap: Check = (value, path, context) => {
  if (!isMapping(value))
    return problem(path, `'${keywordOf(path)}' must be a mapping of name -> schema (got ${show(value)})`);
  for (const [key, child] of Object.entries(value)) {
    const found = walkSchema(child, [...path, key], context);
    if (found) return found;
  }
  return undefined;
};

const schemaList: Check = (value, path, context) => {
  if (!Array.isArray(value) || value.length === 0) {
    return problem(path, `'${keywordOf(path)}' must be a non-empty list of schemas (got ${show(value)})`);
  }
  for (const [index, child] of value.entries()) {
    const found = walkSchema(child, [...path, index], context);
    if (found) return found;
  }
  return undefined;
};

const schemaOrList: Check = (value, path, context) =>
  Array.isArray(value) ? schemaList(value, path, context) : schema(value, path, context);

const type: Check = (value, path) => {
  const names = Array.isArray(value) ? value : [value];
  const unknown = names.find((name) => typeof name !== "string" || !JSON_SCHEMA_TYPES.includes(name));
  if (names.length > 0 && unknown === undefined && new Set(names).size === names.length) return undefined;
  const hint = typeof unknown === "string" ? suggest(unknown, JSON_SCHEMA_TYPES) : undefined;
  const shown = typeof unknown === "string" ? quote(unknown) : show(unknown === undefined ? value : unknown);
  return problem(
    path,
    `unknown type ${shown}${hint ? ` (did you mean '${hint}'?)` : ""} (types: ${JSON_SCHEMA_TYPES.join(", ")})`,
  );
};

const required: Check = (value, path) =>
  Array.isArray(value) && value.every((name) => typeof name === "string")
    ? undefined
    : problem(path, `'required' must be a list of property names (got ${show(value)})`);

const pattern: Check = (value, path) => {
  if (typeof value !== "string")
    return problem(path, `'pattern' must be a regular expression string (got ${show(value)})`);
  try {
    new RegExp(value, "u");
    return undefined;
  } catch (error) {
    return problem(path, `'pattern' is not a valid regular expression: ${(error as Error).message}`);
  }
};

const reference: Check = (value, path, context) => {
  if (typeof value !== "string")
    return problem(path, `'$ref' must be a string like '#/$defs/Name' (got ${show(value)})`);
  if (value === "#") return undefined;
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(value);
  // Non-null: the pattern's group always matches when the pattern does.
  const definitions = match ? context.root[match[1]!] : undefined;
  const name = match?.[2]?.replaceAll("~1", "/").replaceAll("~0", "~");
  if (isMapping(definitions) && name !== undefined && Object.hasOwn(definitions, name)) return undefined;
  return problem(
    path,
    match
      ? `'$ref' points to '${value}', which is not defined in this schema`
      : `'$ref' must point into this schema ('#', '#/$defs/Name' or '#/definitions/Name') (got ${show(value)})`,
  );
};

const not: Check = (value, path) =>
  isMapping(value) && Object.keys(value).length === 0
    ? undefined
    : problem(
        path,
        "keyword 'not' is only supported as 'not: {}' (nothing matches): it cannot be enforced otherwise",
      );

const unsupported: Check = (_value, path) =>
  problem(
    path,
    `keyword '${keywordOf(path)}' is not supported: it cannot be enforced (use anyOf, oneOf or allOf)`,
  );

const count = shaped((value) => Number.isInteger(value) && (value as number) >= 0, "a non-negative integer");
const number = shaped((value) => typeof value === "number" && Number.isFinite(value), "a number");
const numberOrFlag = shaped(
  (value) => typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value)),
  "a number",
);
const positive = shaped((value) => typeof value === "number" && value > 0, "a positive number");
const flag = shaped((value) => typeof value === "boolean", "true or false");
const text = shaped((value) => typeof value === "string", "a string");
const list = shaped((value) => Array.isArray(value), "a list");
const anything: Check = () => undefined;

/** Every keyword llm-do accepts, and how its value is checked. */
const KEYWORDS: Readonly<Record<string, Check>> = {
  type,
  properties: schemaMap,
  required,
  additionalProperties: schema,
  patternProperties: schemaMap,
  propertyNames: schema,
  minProperties: count,
  maxProperties: count,
  items: schemaOrList,
  prefixItems: schemaList,
  additionalItems: schema,
  contains: schema,
  minContains: count,
  maxContains: count,
  minItems: count,
  maxItems: count,
  uniqueItems: flag,
  minLength: count,
  maxLength: count,
  pattern,
  format: text,
  minimum: number,
  maximum: number,
  exclusiveMinimum: numberOrFlag,
  exclusiveMaximum: numberOrFlag,
  multipleOf: positive,
  enum: list,
  const: anything,
  anyOf: schemaList,
  oneOf: schemaList,
  allOf: schemaList,
  not,
  $ref: reference,
  $defs: schemaMap,
  definitions: schemaMap,
  $schema: text,
  $id: text,
  $anchor: text,
  $comment: text,
  title: text,
  description: text,
  default: anything,
  examples: list,
  deprecated: flag,
  readOnly: flag,
  writeOnly: flag,
  nullable: flag,
  contentEncoding: text,
  contentMediaType: text,
  if: unsupported,
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword; this table is never awaited.
  then: unsupported,
  else: unsupported,
  dependentSchemas: unsupported,
  dependentRequired: unsupported,
  unevaluatedItems: unsupported,
  unevaluatedProperties: unsupported,
};

const KEYWORD_NAMES = Object.keys(KEYWORDS);

/**
 * The first problem in `value` as a JSON Schema, in document order, or `undefined` when every
 * keyword is known and well-formed. Boolean schemas (`true`, `false`) are schemas. Keys starting
 * with `x-` are extensions and are left alone.
 */
export function checkJsonSchema(value: unknown): JsonSchemaProblem | undefined {
  return walkSchema(value, [], { root: isMapping(value) ? value : {} });
}

function walkSchema(
  value: unknown,
  path: (string | number)[],
  context: WalkContext,
): JsonSchemaProblem | undefined {
  if (typeof value === "boolean") return undefined;
  if (!isMapping(value))
    return problem(path, `expected a schema (a mapping, or true or false), got ${show(value)}`);
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith("x-")) continue;
    const check = Object.hasOwn(KEYWORDS, key) ? KEYWORDS[key] : undefined;
    if (!check) {
      const hint = suggest(key, KEYWORD_NAMES);
      return problem(
        [...path, key],
        `unknown JSON Schema keyword ${quote(key)}${hint ? ` (did you mean '${hint}'?)` : " (extensions start with 'x-')"}`,
      );
    }
    const found = check(child, [...path, key], context);
    if (found) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a mapping";
  if (typeof value === "string")
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return String(value);
}
