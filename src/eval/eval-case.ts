/**
 * @module What an eval runs: cases (an input for the target, what to expect, and checks), read
 * from a cases file. Checks are a tagged union; each kind has its own module under `checks/`.
 */

/** What a TypeScript predicate receives besides the output. */
export interface PredicateContext {
  /** The case's input. */
  input: unknown;
  /** The case's `expected` value, when it has one. */
  expected?: unknown;
  /** The case's name. */
  caseName: string;
  /** The eval's working directory (where the target ran). */
  cwd: string;
}

/** A predicate's verdict: a boolean, or a verdict with a reason. */
export type PredicateVerdict = boolean | { pass: boolean; reason?: string };

/** A TypeScript predicate exported from a file (`./checks.ts#name`). */
export type PredicateFunction = (
  output: unknown,
  context: PredicateContext,
) => PredicateVerdict | Promise<PredicateVerdict>;

/** Validates a value against a JSON Schema; returns the problems, none when it is valid. */
export type SchemaValidator = (value: unknown) => string[];

/** One check of a case's output. */
export type Check =
  | { type: "equals"; value: unknown }
  | { type: "contains"; text: string; ignoreCase: boolean }
  | { type: "matches"; pattern: RegExp }
  | { type: "json-schema"; validate: SchemaValidator }
  | { type: "predicate"; reference: string; predicate: PredicateFunction }
  | { type: "judge"; worker: string; criteria?: string };

/** One case. */
export interface EvalCase {
  /** Unique in its file; the case's first segment in replay keys (`<name> > <target>/1`). */
  name: string;
  /** The target's input: a prompt string or an input object. */
  input: unknown;
  /** What the case expects, when the file says (`cases-from` writes what the call returned). */
  expected?: { value: unknown };
  /** The checks, the file's shared checks included. */
  checks: Check[];
  /** Where the case came from (`cases-from` writes the recording and the call key). */
  from?: string;
  /** `file:line:column` of the case, for messages. */
  where: string;
}

/** A parsed cases file. */
export interface CasesFile {
  /** The file, as named on the command line. */
  file: string;
  /** The worker or tool the cases are for (`--target` overrides it). */
  target?: string;
  cases: EvalCase[];
}
