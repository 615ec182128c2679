/**
 * @module Decides whether a `shell` command is blocked, free, or needs approval. Pure: the same
 * command and rules always give the same answer, and nothing runs.
 */
import { checkArguments } from "./check-arguments.js";
import { findBlockedMetacharacter } from "./find-blocked-metacharacter.js";
import { ruleAllowance } from "./rule-allowance.js";
import type { ShellConfig, ShellRule } from "./shell-config.js";
import { tokenizeCommand } from "./tokenize-command.js";

/** How a command is classified; the allowed kinds carry the argv to execute. */
export type CommandClassification =
  | { type: "blocked"; reason: string }
  | { type: "pre-approved"; argv: string[] }
  | { type: "needs-approval"; reason?: string; argv: string[] };

/** The parts of the configuration that decide approval. */
export type CommandPolicy = Pick<ShellConfig, "rules" | "default">;

/**
 * Classifies `command` under `policy`, in this order:
 *
 * 1. A blocked metacharacter anywhere in the raw string (quotes do not hide it) blocks it; the
 *    reason names the first one in the string.
 * 2. The string is split into words ({@link tokenizeCommand}); a parse error or no words blocks it.
 * 3. The first rule whose pattern words equal the command's leading words decides: approval per
 *    its `approval_required`, but always needed when a later word is one of its
 *    `approval_required_if_args` (or, for `--opt=value`, starts with `--opt=`), and, for a rule
 *    that allows without approval, when an option or operand after the pattern is not one the
 *    rule allows ({@link ruleAllowance}, {@link checkArguments}).
 * 4. No rule matched: with a `default` (even `{}`), approval per its `approval_required`;
 *    without one, blocked.
 */
export function classifyCommand(command: string, policy: CommandPolicy): CommandClassification {
  const metacharacter = findBlockedMetacharacter(command);
  if (metacharacter !== undefined) {
    return {
      type: "blocked",
      reason: `Command contains blocked metacharacter '${metacharacter}'. Shell metacharacters are not allowed: run one command at a time and combine the results yourself.`,
    };
  }
  const tokenized = tokenizeCommand(command);
  if (tokenized.type === "error")
    return { type: "blocked", reason: `Cannot parse command: ${tokenized.message}` };
  const argv = tokenized.tokens;
  if (argv.length === 0 || argv[0] === "") return { type: "blocked", reason: "Empty command" };

  for (const rule of policy.rules ?? []) {
    const patternLength = matchedPatternLength(rule.pattern, argv);
    if (patternLength === undefined) continue;
    const argument = findApprovalArgument(rule, argv.slice(patternLength));
    if (argument !== undefined) {
      return {
        type: "needs-approval",
        reason: `Argument '${argument}' requires approval under rule '${rule.pattern}'`,
        argv,
      };
    }
    if (rule.approval_required) return { type: "needs-approval", argv };
    const check = checkArguments(argv.slice(patternLength), ruleAllowance(rule).allowance);
    if (check.type === "not-allowed") {
      return {
        type: "needs-approval",
        reason: `Rule '${rule.pattern}' does not allow ${check.reason}`,
        argv,
      };
    }
    return { type: "pre-approved", argv };
  }

  if (policy.default) {
    return policy.default.approval_required
      ? { type: "needs-approval", argv }
      : { type: "pre-approved", argv };
  }
  return {
    type: "blocked",
    reason: `Command not in the allowed list (no matching rule and no default): ${command}`,
  };
}

/** The number of pattern words when they equal the leading words of `argv`, else `undefined`. */
function matchedPatternLength(pattern: string, argv: string[]): number | undefined {
  const tokenized = tokenizeCommand(pattern);
  if (tokenized.type === "error" || tokenized.tokens.length === 0) return undefined;
  const words = tokenized.tokens;
  if (words.length > argv.length) return undefined;
  return words.every((word, index) => word === argv[index]) ? words.length : undefined;
}

/** The first word of `rest` that is one of the rule's approval arguments, as configured. */
function findApprovalArgument(rule: ShellRule, rest: string[]): string | undefined {
  const watched = rule.approval_required_if_args ?? [];
  for (const word of rest) {
    const argument = watched.find((candidate) => word === candidate || word.startsWith(`${candidate}=`));
    if (argument !== undefined) return argument;
  }
  return undefined;
}
