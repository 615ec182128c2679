/**
 * @module Error messages for the worker front-matter schema: zod error functions that read like
 * `field 'temperature' must be a number between 0 and 2 (got "hot")`.
 */
import type { z } from "zod";
import { escapeUnprintable, quote } from "../util/quote.js";
import { suggest } from "../util/suggest.js";

/** The issue zod hands to an error function (its `path` is the full path when messages are built). */
export type RawIssue = z.core.$ZodRawIssue;

/** A zod `error` option. */
export interface ErrorOption {
  /** Builds the message of an issue. */
  error: (issue: RawIssue) => string;
}

/** `{ error }` for a schema and its checks: `field '<key>' must be <description> (got <value>)`. */
export function mustBe(description: string): ErrorOption {
  return {
    error: (issue) =>
      `field '${fieldLabel(issue.path)}' must be ${description} (got ${describeValue(issue.input)})`,
  };
}

/** Options of {@link mappingOf}. */
export interface MappingOfOptions {
  /** Appended as ` in <where>` to unknown-field messages (omit at the top level). */
  where?: (path: readonly PropertyKey[]) => string;
  /** What a value that is not a mapping is told it must be (default: `a mapping`). */
  expected?: string;
}

/**
 * `{ error }` for a strict object: unknown keys get a suggestion from `known` (or the list of
 * valid fields), anything that is not a mapping gets `must be a mapping`.
 */
export function mappingOf(known: readonly string[], options: MappingOfOptions = {}): ErrorOption {
  const { where, expected = "a mapping" } = options;
  return {
    error: (issue) => {
      const path = issue.path ?? [];
      if (issue.code === "unrecognized_keys") {
        const location = where ? ` in ${where(path)}` : "";
        return `unknown field ${quote(issue.keys[0] ?? "")}${location} (${hint(issue.keys[0] ?? "", known)})`;
      }
      return `field '${fieldLabel(path)}' must be ${expected} (got ${describeValue(issue.input)})`;
    },
  };
}

/** The `(did you mean 'x'?)` or `(valid fields: ...)` part of an unknown-field message. */
function hint(key: string, known: readonly string[]): string {
  const suggestion = suggest(key, known);
  return suggestion ? `did you mean '${suggestion}'?` : `valid fields: ${known.join(", ")}`;
}

/** The last key of a path, with trailing list indexes: `stop_sequences[1]`. */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string {
  const segments = path ?? [];
  let label = "";
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index];
    if (typeof segment === "number") {
      label = `[${segment}]${label}`;
    } else {
      return `${escapeUnprintable(String(segment))}${label}`;
    }
  }
  return label;
}

/** A short rendering of a value for `(got ...)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a mapping";
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  }
  return String(value);
}
