/**
 * @module The options an allow rule names, written as in a manual page (`-n N`, `--stat[=N]`),
 * parsed into what the argument check needs: the option's spelling and whether it takes a
 * value, and how.
 */
import { InternalError } from "../../errors.js";

/**
 * How an option takes its value:
 * - `none`: a flag;
 * - `next-or-attached`: `-n 5`, `-n5`, `--lines 5` or `--lines=5` (the program takes the next
 *   word when nothing is attached);
 * - `attached`: only `--format=FMT` (the bare `--format` is not allowed, since the program might
 *   or might not take the next word);
 * - `optional`: `-U`, `-U3`, `--stat`, `--stat=20`, never the next word.
 */
export type OptionValue = "none" | "next-or-attached" | "attached" | "optional";

/** One allowed option. */
export type OptionSpec =
  /** `-n`, `-n N`, `-U[N]`: one letter, usable in a cluster such as `-rn`. */
  | { type: "short"; letter: string; value: Exclude<OptionValue, "attached"> }
  /** `--stat`, `--max-count=N`, `--lines N`, `--stat[=N]`. */
  | { type: "long"; name: string; value: OptionValue }
  /** `-name PATTERN`, `-print`: a whole word after one dash, as `find` reads its expression. */
  | { type: "word"; word: string; value: "none" | "next-or-attached" }
  /** `-NUM`: a dash and digits, as in `head -5` or `git log -3`. */
  | { type: "number" };

/** The outcome of {@link parseOptionSpec}. */
export type OptionSpecResult = { type: "ok"; spec: OptionSpec } | { type: "error"; message: string };

const NAME = "[A-Za-z0-9][A-Za-z0-9_-]*";
const PLACEHOLDER = "[^\\s=\\[\\]]+";
const longPattern = new RegExp(`^--(${NAME})(?:(=| )${PLACEHOLDER}|(\\[=${PLACEHOLDER}\\]))?$`);
const shortPattern = new RegExp(`^-([A-Za-z0-9])(?:( )${PLACEHOLDER}|(\\[${PLACEHOLDER}\\]))?$`);
const wordPattern = new RegExp(`^-([A-Za-z][A-Za-z0-9_-]+)(?:( )${PLACEHOLDER})?$`);

/** The forms {@link parseOptionSpec} accepts, for error messages. */
export const OPTION_SPEC_FORMS =
  "-x, -x VALUE, -x[VALUE], --name, --name=VALUE, --name VALUE, --name[=VALUE], -word, -word VALUE, -NUM";

/**
 * Parses one entry of a rule's `options`:
 *
 * | written            | means                                                        |
 * | ------------------ | ------------------------------------------------------------ |
 * | `-x`               | a one-letter flag (also inside a cluster, `-xy`)             |
 * | `-x VALUE`         | a one-letter option with a value: `-x v` or `-xv`            |
 * | `-x[VALUE]`        | a one-letter option with an optional attached value          |
 * | `--name`           | a long flag                                                  |
 * | `--name=VALUE`     | a long option whose value must be attached: `--name=v`       |
 * | `--name VALUE`     | a long option with a value: `--name v` or `--name=v`         |
 * | `--name[=VALUE]`   | a long option with an optional attached value                |
 * | `-word`, `-word V` | a whole word after one dash (`find -name PATTERN`)           |
 * | `-NUM`             | a dash followed by digits (`head -5`)                        |
 *
 * `VALUE` is any placeholder without spaces.
 */
export function parseOptionSpec(text: string): OptionSpecResult {
  if (text === "-NUM") return { type: "ok", spec: { type: "number" } };
  const long = longPattern.exec(text);
  if (long) {
    const [, name, separator, optional] = long;
    const value: OptionValue =
      separator === "="
        ? "attached"
        : separator === " "
          ? "next-or-attached"
          : optional
            ? "optional"
            : "none";
    // Non-null: the pattern's group always matches when the pattern does.
    return { type: "ok", spec: { type: "long", name: name!, value } };
  }
  const short = shortPattern.exec(text);
  if (short) {
    const [, letter, separator, optional] = short;
    const value = separator ? "next-or-attached" : optional ? "optional" : "none";
    // Non-null: the pattern's group always matches when the pattern does.
    return { type: "ok", spec: { type: "short", letter: letter!, value } };
  }
  const word = wordPattern.exec(text);
  if (word) {
    const value = word[2] ? "next-or-attached" : "none";
    // Non-null: the pattern's group always matches when the pattern does.
    return { type: "ok", spec: { type: "word", word: `-${word[1]!}`, value } };
  }
  return {
    type: "error",
    message: `option ${JSON.stringify(text)} is not one of the forms ${OPTION_SPEC_FORMS}`,
  };
}

/** Parses a list of entries known to be valid (the vetted profiles); throws on a bad one. */
export function parseOptionSpecs(texts: readonly string[]): OptionSpec[] {
  return texts.map((text) => {
    const result = parseOptionSpec(text);
    if (result.type === "error")
      throw new InternalError(`a vetted shell profile is invalid: ${result.message}`);
    return result.spec;
  });
}
