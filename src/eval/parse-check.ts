/**
 * @module One item of a case's `checks:` list: a mapping with exactly one kind key (`equals`,
 * `contains`, `matches`, `json_schema`, `predicate` or `judge`) and that kind's options.
 * Regular expressions and JSON Schemas are compiled here, so a bad one is reported with its
 * position before anything runs.
 */
import { z } from "zod";
import { ConfigError, errorMessage } from "../errors.js";
import { suggest } from "../util/suggest.js";
import { describeValue, mappingOf, mustBe } from "../worker/schema-messages.js";
import type { Check } from "./eval-case.js";
import { createSchemaValidator } from "./schema-validator.js";

/** Gives `file:line:column` for a path inside the item being parsed. */
export type Locate = (path: readonly PropertyKey[]) => string;

/** A check as parsed: a predicate is still a reference, loaded once the whole file is read. */
export type CheckDraft =
  | Exclude<Check, { type: "predicate" }>
  | { type: "predicate"; reference: string; where: string };

/** The check kinds, as written in a cases file. */
export const CHECK_KINDS = ["equals", "contains", "matches", "json_schema", "predicate", "judge"] as const;
type CheckKind = (typeof CHECK_KINDS)[number];

const WORKER_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PREDICATE_REFERENCE = /^[^#]+#[A-Za-z_$][A-Za-z0-9_$]*$/;

const option = (kind: CheckKind, fields: Record<string, z.ZodType>) =>
  z.strictObject(fields, mappingOf(Object.keys(fields), { where: () => `a '${kind}' check` }));

const schemas: Readonly<Record<CheckKind, z.ZodType<Record<string, unknown>>>> = {
  equals: option("equals", { equals: z.unknown() }),
  contains: option("contains", {
    contains: z.string(mustBe("a string")).min(1, mustBe("a non-empty string")),
    ignore_case: z.boolean(mustBe("true or false")).optional(),
  }),
  matches: option("matches", {
    matches: z.string(mustBe("a regular expression (a string)")),
    flags: z
      .string(mustBe("regular expression flags"))
      .regex(/^[imsuv]*$/, mustBe("regular expression flags among i, m, s, u, v"))
      .optional(),
  }),
  json_schema: option("json_schema", {
    json_schema: z.record(z.string(), z.unknown(), mustBe("a JSON Schema (a mapping)")),
  }),
  predicate: option("predicate", {
    predicate: z
      .string(mustBe("'FILE#export', e.g. ./checks.ts#isSorted"))
      .regex(PREDICATE_REFERENCE, mustBe("'FILE#export', e.g. ./checks.ts#isSorted")),
  }),
  judge: option("judge", {
    judge: z
      .string(mustBe("the name of a worker"))
      .regex(WORKER_NAME, mustBe("the name of a worker (letters, digits, '_' and '-')")),
    criteria: z.string(mustBe("a string")).optional(),
  }),
};

/**
 * Parses one check. Contract: throws a ConfigError `file:line:col: ...` naming what is wrong
 * and what is valid.
 */
export function parseCheck(value: unknown, locate: Locate): CheckDraft {
  const fail = (path: readonly PropertyKey[], detail: string) =>
    new ConfigError(`${locate(path)}: ${detail}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail([], `a check is a mapping like '{ contains: text }' (got ${describeValue(value)})`);
  }
  const keys = Object.keys(value);
  const kinds = keys.filter((key): key is CheckKind => (CHECK_KINDS as readonly string[]).includes(key));
  if (kinds.length === 0) {
    const unknown = keys[0] ?? "";
    const hint = suggest(unknown, CHECK_KINDS);
    const detail = hint ? ` (did you mean '${hint}'?)` : ` (valid: ${CHECK_KINDS.join(", ")})`;
    throw fail(
      keys.length > 0 ? [unknown] : [],
      `unknown check${keys.length > 0 ? ` '${unknown}'` : ""}${detail}`,
    );
  }
  if (kinds.length > 1) {
    // Non-null: this branch runs when there are two kinds or more.
    throw fail([kinds[1]!], `one check per list item: '${kinds[0]}' and '${kinds[1]}' are two checks`);
  }
  // Non-null: exactly one kind is left here.
  const kind = kinds[0]!;
  const result = schemas[kind].safeParse(value);
  if (!result.success) {
    // Non-null: a failed zod parse has at least one issue.
    const issue = result.error.issues[0]!;
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
    throw fail(path, issue.message);
  }
  return toCheck(kind, result.data, fail, locate);
}

function toCheck(
  kind: CheckKind,
  data: Record<string, unknown>,
  fail: (path: readonly PropertyKey[], detail: string) => ConfigError,
  locate: Locate,
): CheckDraft {
  switch (kind) {
    case "equals":
      return { type: "equals", value: data.equals };
    case "contains":
      return { type: "contains", text: data.contains as string, ignoreCase: data.ignore_case === true };
    case "matches":
      try {
        return { type: "matches", pattern: new RegExp(data.matches as string, (data.flags as string) ?? "") };
      } catch (error) {
        throw fail(["matches"], `invalid regular expression: ${errorMessage(error)}`);
      }
    case "json_schema":
      try {
        return { type: "json-schema", validate: createSchemaValidator(data.json_schema) };
      } catch (error) {
        throw fail(["json_schema"], `invalid JSON Schema: ${errorMessage(error)}`);
      }
    case "predicate":
      return { type: "predicate", reference: data.predicate as string, where: locate(["predicate"]) };
    case "judge":
      return {
        type: "judge",
        worker: data.judge as string,
        ...(typeof data.criteria === "string" ? { criteria: data.criteria } : {}),
      };
  }
}
