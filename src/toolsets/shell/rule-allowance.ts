/**
 * @module What an allow rule lets through after its pattern: its profile's options and
 * operands, plus the options it names.
 */
import type { ArgumentAllowance } from "./check-arguments.js";
import { parseOptionSpecs } from "./option-spec.js";
import { readOnlyProfile } from "./read-only-profiles.js";
import type { ShellRule } from "./shell-config.js";
import { tokenizeCommand } from "./tokenize-command.js";

/** The allowance of a rule and the profile it uses, if any. */
export interface RuleAllowance {
  /** The profile applied (`git log`), or `undefined`. */
  profile: string | undefined;
  allowance: ArgumentAllowance;
}

const cache = new WeakMap<ShellRule, RuleAllowance>();

/**
 * The allowance of `rule`:
 *
 * - its profile: `profile:` when given (`none` for no profile), else the profile named like the
 *   pattern (`git log`), if there is one;
 * - plus the options listed in `options:` (or every option with `options: any`);
 * - operands per `operands:` when given, else the profile's, else none.
 *
 * Without a profile or `options`, a rule allows its pattern and nothing after it.
 *
 * Contract: the rule has passed {@link ShellRule} validation (its option entries parse).
 */
export function ruleAllowance(rule: ShellRule): RuleAllowance {
  const cached = cache.get(rule);
  if (cached) return cached;
  const profileName = rule.profile ?? normalizedPattern(rule.pattern);
  const profile = profileName === "none" ? undefined : readOnlyProfile(profileName);
  const base: ArgumentAllowance = profile ?? {
    options: { type: "listed", specs: [] },
    operands: { type: "at-most", count: 0 },
    endOfOptions: true,
  };
  const allowance: ArgumentAllowance = {
    options: optionsOf(rule, base),
    operands: rule.operands === undefined ? base.operands : operandLimit(rule.operands),
    endOfOptions: base.endOfOptions,
  };
  const result = { profile: profile ? profileName : undefined, allowance };
  cache.set(rule, result);
  return result;
}

function optionsOf(rule: ShellRule, base: ArgumentAllowance): ArgumentAllowance["options"] {
  if (rule.options === "any" || base.options.type === "any") return { type: "any" };
  if (rule.options === undefined) return base.options;
  return { type: "listed", specs: [...base.options.specs, ...parseOptionSpecs(rule.options)] };
}

function operandLimit(operands: NonNullable<ShellRule["operands"]>): ArgumentAllowance["operands"] {
  if (operands === "any") return { type: "any" };
  return { type: "at-most", count: operands === "none" ? 0 : operands };
}

/** The pattern's words joined by single spaces (`git  'log'` is `git log`). */
function normalizedPattern(pattern: string): string {
  const tokenized = tokenizeCommand(pattern);
  return tokenized.type === "ok" ? tokenized.tokens.join(" ") : pattern;
}
