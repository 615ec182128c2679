/**
 * @module Checks a command's arguments against what an allow rule allows: every option must be
 * one it names, and the operands must fit its limit. Pure.
 */
import type { OptionSpec } from "./option-spec.js";

/** How many operands (words that are not options or option values) a rule allows. */
export type OperandLimit = { type: "any" } | { type: "at-most"; count: number };

/** Which options a rule allows: those listed, or every one (`options: any`). */
export type AllowedOptions = { type: "any" } | { type: "listed"; specs: readonly OptionSpec[] };

/** What one allow rule lets through after its pattern. */
export interface ArgumentAllowance {
  /** The options allowed. */
  options: AllowedOptions;
  /** The operands allowed. */
  operands: OperandLimit;
  /** Whether `--` ends the options, so that later words are operands (false for `find`). */
  endOfOptions: boolean;
}

/** The outcome of {@link checkArguments}; `reason` names the first word not allowed. */
export type ArgumentCheck = { type: "allowed" } | { type: "not-allowed"; reason: string };

/**
 * Reads `words` (the arguments after a rule's pattern) the way a GNU-style program does, and
 * checks them against `allowance`.
 *
 * - Every word starting with `-` is an option wherever it stands (GNU programs accept options
 *   after operands), until `--` when `endOfOptions`; `-` alone is an operand.
 * - `--name[=value]` must be a listed long option, spelt in full (abbreviations are not
 *   matched), with a value only when the option takes one.
 * - `-word` is a listed whole-word option (`find -name`), else `-NUM` when listed, else a cluster
 *   of listed one-letter options (`-rn`), where an option with a value takes the rest of the
 *   word or the next word.
 * - An option whose value may be the next word takes it, whatever it looks like.
 *
 * Contract: a word this reading cannot place is not allowed; nothing is allowed by default.
 */
export function checkArguments(words: readonly string[], allowance: ArgumentAllowance): ArgumentCheck {
  const operands: string[] = [];
  let optionsEnded = false;
  for (let index = 0; index < words.length; index += 1) {
    // Non-null: `index` is below `words.length`.
    const word = words[index]!;
    if (optionsEnded || word === "-" || !word.startsWith("-")) {
      operands.push(word);
      continue;
    }
    if (word === "--" && allowance.endOfOptions) {
      optionsEnded = true;
      continue;
    }
    if (allowance.options.type === "any") continue;
    const read = readOption(word, allowance.options.specs);
    if (read.type === "not-allowed") return read;
    if (read.takesNextWord) index += 1;
  }
  return checkOperands(operands, allowance.operands);
}

type OptionRead = { type: "ok"; takesNextWord: boolean } | { type: "not-allowed"; reason: string };

function readOption(word: string, specs: readonly OptionSpec[]): OptionRead {
  if (word.startsWith("--")) return readLongOption(word, specs);
  const whole = specs.find((spec) => spec.type === "word" && spec.word === word);
  if (whole?.type === "word") return { type: "ok", takesNextWord: whole.value === "next-or-attached" };
  if (/^-\d+$/.test(word) && specs.some((spec) => spec.type === "number")) {
    return { type: "ok", takesNextWord: false };
  }
  return readCluster(word, specs);
}

function readLongOption(word: string, specs: readonly OptionSpec[]): OptionRead {
  const equals = word.indexOf("=");
  const name = word.slice(2, equals === -1 ? undefined : equals);
  const spec = specs.find((candidate) => candidate.type === "long" && candidate.name === name);
  if (spec?.type !== "long") return notAllowed(`option '${word}'`);
  const hasValue = equals !== -1;
  if (spec.value === "none" && hasValue) return notAllowed(`a value for '--${name}' (in '${word}')`);
  if (spec.value === "attached" && !hasValue) {
    return notAllowed(`'--${name}' without an attached value (write --${name}=VALUE)`);
  }
  return { type: "ok", takesNextWord: spec.value === "next-or-attached" && !hasValue };
}

function readCluster(word: string, specs: readonly OptionSpec[]): OptionRead {
  for (let position = 1; position < word.length; position += 1) {
    // Non-null: `position` is below `word.length`.
    const letter = word[position]!;
    const spec = specs.find((candidate) => candidate.type === "short" && candidate.letter === letter);
    if (spec?.type !== "short") {
      return notAllowed(position === 1 ? `option '${word}'` : `option '-${letter}' (in '${word}')`);
    }
    if (spec.value === "none") continue;
    const isLast = position === word.length - 1;
    return { type: "ok", takesNextWord: spec.value === "next-or-attached" && isLast };
  }
  return { type: "ok", takesNextWord: false };
}

function checkOperands(operands: readonly string[], limit: OperandLimit): ArgumentCheck {
  if (limit.type === "any" || operands.length <= limit.count) return { type: "allowed" };
  const listed = operands.map((operand) => `'${operand}'`).join(", ");
  if (limit.count === 0) return notAllowed(`operands (got ${listed})`);
  const noun = limit.count === 1 ? "operand" : "operands";
  return notAllowed(`more than ${limit.count} ${noun} (got ${listed})`);
}

function notAllowed(what: string): ArgumentCheck & { type: "not-allowed" } {
  return { type: "not-allowed", reason: what };
}
