/**
 * @module Glob patterns for `list_files`, matched against `/`-separated relative paths one
 * segment at a time: `*` (any run of characters) and `?` (one character) stay within a segment,
 * `[abc]`, `[a-z]` and `[!a-z]` (or `[^a-z]`) match one character, and a `**` segment matches
 * any number of directories, none included. Matching is case-sensitive and `*` matches names
 * starting with a dot. There is no escaping and no `{a,b}`.
 */

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

type Segment = { type: "any-depth" } | { type: "name"; regex: RegExp };

/**
 * Compiles `pattern`. Empty and `.` segments are ignored; a pattern that is absolute, contains a
 * `..` segment, or is empty is invalid (it could never match a listed path).
 */
export function compileGlob(pattern: string): CompiledGlob {
  const parts = pattern.split("/").filter((part) => part !== "" && part !== ".");
  if (pattern.startsWith("/") || parts.includes("..") || parts.length === 0) {
    return {
      type: "invalid",
      reason: invalidPatternMessage(pattern, "use a non-empty pattern relative to path, without '..'"),
    };
  }
  let segments: Segment[];
  try {
    segments = parts.map(toSegment).filter((_segment, index, all) => !isRepeatedAnyDepth(all, index));
  } catch {
    return {
      type: "invalid",
      reason: invalidPatternMessage(pattern, "a character class such as '[z-a]' is malformed"),
    };
  }
  return {
    type: "glob",
    matches: (path) => statesAfter(segments, split(path)).has(segments.length),
    mayMatchBelow: (directory) =>
      [...statesAfter(segments, split(directory))].some((state) => state < segments.length),
  };
}

function invalidPatternMessage(pattern: string, problem: string): string {
  return `Invalid pattern '${pattern}': ${problem} (e.g. '*.txt' or '**/*.md')`;
}

function split(path: string): string[] {
  return path === "" ? [] : path.split("/");
}

function isRepeatedAnyDepth(segments: Segment[], index: number): boolean {
  return segments[index]?.type === "any-depth" && segments[index - 1]?.type === "any-depth";
}

/** Pattern positions reachable after matching `names` (an NFA over segments). */
function statesAfter(segments: Segment[], names: string[]): Set<number> {
  let states = closure(segments, new Set([0]));
  for (const name of names) {
    const next = new Set<number>();
    for (const state of states) {
      const segment = segments[state];
      if (segment?.type === "any-depth") next.add(state);
      else if (segment?.regex.test(name)) next.add(state + 1);
    }
    states = closure(segments, next);
    if (states.size === 0) break;
  }
  return states;
}

/** Adds the positions after each `**`, which may match zero directories. */
function closure(segments: Segment[], states: Set<number>): Set<number> {
  const result = new Set(states);
  for (const state of result) {
    if (segments[state]?.type === "any-depth") result.add(state + 1);
  }
  return result;
}

function toSegment(part: string): Segment {
  if (part === "**") return { type: "any-depth" };
  return { type: "name", regex: new RegExp(`^${translate(part)}$`, "su") };
}

function translate(part: string): string {
  const characters = Array.from(part);
  let source = "";
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] ?? "";
    if (character === "*") source += ".*";
    else if (character === "?") source += ".";
    else if (character === "[") {
      const end = classEnd(characters, index);
      if (end === -1) source += "\\[";
      else {
        source += translateClass(characters.slice(index + 1, end));
        index = end;
      }
    } else source += escapeCharacter(character);
  }
  return source;
}

/** The index of the `]` closing the class opened at `start`, or -1. A `]` first in the class is literal. */
function classEnd(characters: string[], start: number): number {
  let index = start + 1;
  if (characters[index] === "!" || characters[index] === "^") index++;
  if (characters[index] === "]") index++;
  for (; index < characters.length; index++) {
    if (characters[index] === "]") return index;
  }
  return -1;
}

function translateClass(body: string[]): string {
  const isNegated = body[0] === "!" || body[0] === "^";
  const members = (isNegated ? body.slice(1) : body).map((character) =>
    character === "-" ? "-" : escapeCharacter(character),
  );
  return `[${isNegated ? "^" : ""}${members.join("")}]`;
}

function escapeCharacter(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character;
}
