/**
 * @module Turns schema issues into one `WorkerFileError` that points at the offending key.
 */
import type { z } from "zod";
import { WorkerFileError } from "../errors.js";
import type { SetOverride } from "./set-override.js";
import type { SourceMap } from "./source-map.js";

/** Builds errors that point into one worker file. */
export interface FieldErrorReporter {
  /**
   * An error at the key `path` (or its nearest existing ancestor). When a `--set` override set
   * `path` or one of `blamed` (default: `[path]`), the detail says so.
   */
  at(
    path: readonly PropertyKey[],
    detail: string,
    blamed?: readonly (readonly PropertyKey[])[],
  ): WorkerFileError;
  /**
   * The error for the first issue in file order. Missing fields come last, since they are often
   * the result of a misspelt key that has its own, more helpful issue.
   */
  first(issues: readonly z.core.$ZodIssue[], data: unknown): WorkerFileError;
}

/** Options of {@link createFieldErrorReporter}. */
export interface FieldErrorReporterOptions {
  /** The file name used in messages, as given. */
  file: string;
  /** Positions in the file's front matter. */
  sourceMap: SourceMap;
  /** The `--set` overrides applied to the front matter, to credit them in messages. */
  overrides: readonly SetOverride[];
}

/** Creates the reporter for one worker file. */
export function createFieldErrorReporter(options: FieldErrorReporterOptions): FieldErrorReporter {
  const { file, sourceMap, overrides } = options;
  const at = (
    path: readonly PropertyKey[],
    detail: string,
    blamed: readonly (readonly PropertyKey[])[] = [path],
  ): WorkerFileError => {
    const { line, column } = sourceMap.locate(path);
    return new WorkerFileError(file, line, column, `${detail}${overrideNote(blamed, overrides)}`);
  };
  const first = (issues: readonly z.core.$ZodIssue[], data: unknown): WorkerFileError => {
    const ranked = issues.map((issue, order) => {
      const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
      const isMissing = issue.code === "invalid_type" && valueAt(data, issue.path) === undefined;
      return { path, message: issue.message, order, isMissing, position: sourceMap.locate(path) };
    });
    ranked.sort(
      (left, right) =>
        Number(left.isMissing) - Number(right.isMissing) ||
        left.position.line - right.position.line ||
        left.position.column - right.position.column ||
        left.order - right.order,
    );
    const chosen = ranked[0];
    if (!chosen) return at([], "invalid front matter");
    return at(chosen.path, chosen.message);
  };
  return { at, first };
}

function overrideNote(
  blamed: readonly (readonly PropertyKey[])[],
  overrides: readonly SetOverride[],
): string {
  const source = overrides.findLast((override) => blamed.some((path) => isPrefix(override.path, path)));
  return source ? ` (set by --set ${source.key})` : "";
}

function isPrefix(prefix: readonly string[], path: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === String(path[index]));
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
