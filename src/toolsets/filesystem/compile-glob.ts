/**
 * @module Glob patterns for `list_files`, matched by `minimatch` against `/`-separated relative
 * paths: `*` (any run of characters) and `?` (one character) stay within a segment, `[abc]`,
 * `[a-z]` and `[!a-z]` (or `[^a-z]`) match one character, and a `**` segment matches any number
 * of directories, none included. Matching is case-sensitive and `*` matches names starting with
 * a dot. There is no escaping, no `{a,b}` and no extended glob: those characters are literal.
 */
import { Minimatch } from "minimatch";

/** A compiled pattern, or why the pattern cannot be used. */
export type CompiledGlob =
  | {
      type: "glob";
      /** True when the relative file path matches the whole pattern. */
      matches(path: string): boolean;
      /** True when some path below this relative directory could match (`""` is the root). */
      mayMatchBelow(directory: string): boolean;
    }
  | { type: "invalid"; reason: string };

const matcherOptions = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true };

/**
 * Compiles `pattern`. Empty and `.` segments are ignored; a pattern that is absolute, contains a
 * `..` segment, or is empty is invalid (it could never match a listed path). A character class
 * with a reversed range (`[z-a]`) matches nothing.
 */
export function compileGlob(pattern: string): CompiledGlob {
  const parts = pattern.split("/").filter((part) => part !== "" && part !== ".");
  if (pattern.startsWith("/") || parts.includes("..") || parts.length === 0) {
    return invalid(pattern, "use a non-empty pattern relative to path, without '..'");
  }
  let matcher: Minimatch;
  try {
    // A backslash is a character of a file name here, not an escape.
    matcher = new Minimatch(parts.join("/").replaceAll("\\", "\\\\"), matcherOptions);
  } catch (error) {
    return invalid(pattern, error instanceof Error ? error.message : String(error));
  }
  return {
    type: "glob",
    matches: (path) => matcher.match(path),
    // minimatch's partial match: the names so far do not contradict the pattern.
    mayMatchBelow: (directory) => directory === "" || matcher.match(directory, true),
  };
}

function invalid(pattern: string, problem: string): CompiledGlob {
  return {
    type: "invalid",
    reason: `Invalid pattern '${pattern}': ${problem} (e.g. '*.txt' or '**/*.md')`,
  };
}
