/**
 * @module Parses a cases file: YAML (`target`, shared `checks`, `cases`), or JSON Lines (one case
 * per line) when the file ends in `.jsonl` or `.ndjson`. Every error is `file:line:col: ...`.
 * See docs/evals.md.
 */
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ConfigError, errorMessage } from "../errors.js";
import { describeValue, mappingOf, mustBe } from "../worker/schema-messages.js";
import { createSourceMap } from "../worker/source-map.js";
import type { EvalCase } from "./eval-case.js";
import { type CheckDraft, type Locate, parseCheck } from "./parse-check.js";

/** A case as parsed, its predicates not loaded yet. */
export type CaseDraft = Omit<EvalCase, "checks"> & { checks: CheckDraft[] };

/** A cases file as parsed. */
export interface CasesDraft {
  file: string;
  target?: string;
  cases: CaseDraft[];
}

/** Letters, digits, spaces and `_.-`: a case name is a segment of replay keys. */
const CASE_NAME = /^[A-Za-z0-9_.-]+( [A-Za-z0-9_.-]+)*$/;
const caseNameError = mustBe("a name of letters, digits, single spaces and '_', '.', '-'");

const CaseSpec = z.strictObject(
  {
    name: z.string(caseNameError).regex(CASE_NAME, caseNameError).optional(),
    input: z.unknown(),
    expected: z.unknown().optional(),
    checks: z.array(z.unknown(), mustBe("a list of checks")).optional(),
    from: z.string(mustBe("a string")).optional(),
  },
  mappingOf(["name", "input", "expected", "checks", "from"], { where: () => "a case" }),
);

const CasesDocument = z.strictObject(
  {
    target: z
      .string(mustBe("the name of a worker or tool"))
      .min(1, mustBe("the name of a worker or tool"))
      .optional(),
    checks: z.array(z.unknown(), mustBe("a list of checks")).optional(),
    cases: z.array(z.unknown(), mustBe("a list of cases")).min(1, { error: () => "'cases' is empty" }),
  },
  mappingOf(["target", "checks", "cases"], {
    expected: "a mapping with 'cases' (and optionally 'target' and 'checks')",
  }),
);

/** True when a cases file is JSON Lines (by its extension). */
export function isJsonLinesCases(file: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(file);
}

/**
 * Parses the text of a cases file named `file`. Contract: throws a ConfigError naming the file,
 * line and column of the first problem.
 */
export function parseCasesFile(text: string, file: string): CasesDraft {
  const draft = isJsonLinesCases(file) ? parseJsonLines(text, file) : parseYaml(text, file);
  checkUniqueNames(draft.cases);
  return draft;
}

function parseYaml(text: string, file: string): CasesDraft {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const map = createSourceMap({ document, lineCounter, firstLine: 1 });
  const locate: Locate = (path) => {
    const { line, column } = map.locate(path);
    return `${file}:${line}:${column}`;
  };
  const syntax = document.errors[0];
  if (syntax) {
    const { line, column } = map.position(syntax.pos[0]);
    throw new ConfigError(`${file}:${line}:${column}: ${syntax.message.split("\n")[0]}`);
  }
  const value: unknown = document.toJS();
  const parsed = validate(CasesDocument, value, locate, "a cases file");
  const shared = (parsed.checks ?? []).map((check, index) =>
    parseCheck(check, (path) => locate(["checks", index, ...path])),
  );
  return {
    file,
    ...(parsed.target !== undefined ? { target: parsed.target } : {}),
    cases: parsed.cases.map((item, index) =>
      parseCase(item, index, shared, (path) => locate(["cases", index, ...path])),
    ),
  };
}

function parseJsonLines(text: string, file: string): CasesDraft {
  const cases: CaseDraft[] = [];
  text.split("\n").forEach((line, lineIndex) => {
    if (line.trim() === "") return;
    const locate: Locate = () => `${file}:${lineIndex + 1}:1`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${locate([])}: invalid JSON: ${errorMessage(error)}`);
    }
    cases.push(parseCase(value, cases.length, [], locate));
  });
  if (cases.length === 0) throw new ConfigError(`${file}:1:1: no cases (one JSON object per line)`);
  return { file, cases };
}

function parseCase(value: unknown, index: number, shared: CheckDraft[], locate: Locate): CaseDraft {
  const spec = validate(CaseSpec, value, locate, "a case");
  if (!Object.hasOwn(spec, "input")) throw new ConfigError(`${locate([])}: missing field 'input'`);
  const own = (spec.checks ?? []).map((check, checkIndex) =>
    parseCheck(check, (path) => locate(["checks", checkIndex, ...path])),
  );
  const hasExpected = Object.hasOwn(spec, "expected");
  const implied: CheckDraft[] =
    own.length === 0 && hasExpected ? [{ type: "equals", value: spec.expected }] : [];
  return {
    name: spec.name ?? `case-${index + 1}`,
    input: spec.input,
    ...(hasExpected ? { expected: { value: spec.expected } } : {}),
    checks: [...own, ...implied, ...shared],
    ...(spec.from !== undefined ? { from: spec.from } : {}),
    where: locate([]),
  };
}

function validate<T>(schema: z.ZodType<T>, value: unknown, locate: Locate, what: string): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(
      `${locate([])}: ${what} is a mapping (got ${value === null ? "nothing" : describeValue(value)})`,
    );
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // Non-null: a failed zod parse has at least one issue.
  const issue = result.error.issues[0]!;
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
  const missing = issue.code === "invalid_type" && valueAt(value, issue.path) === undefined;
  const detail = missing ? `missing field '${issue.path.map(String).join(".")}'` : issue.message;
  throw new ConfigError(`${locate(path)}: ${detail}`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function checkUniqueNames(cases: readonly CaseDraft[]): void {
  const seen = new Map<string, string>();
  for (const item of cases) {
    const first = seen.get(item.name);
    if (first) throw new ConfigError(`${item.where}: duplicate case name '${item.name}' (first at ${first})`);
    seen.set(item.name, item.where);
  }
}
