/**
 * @module The `shell` toolset's configuration, as written under `toolsets: shell:` in a worker.
 */
import { z } from "zod";
import { suggest } from "../../util/suggest.js";
import { findBlockedMetacharacter } from "./find-blocked-metacharacter.js";
import { parseOptionSpec } from "./option-spec.js";
import { READ_ONLY_PROFILE_NAMES } from "./read-only-profiles.js";
import { tokenizeCommand } from "./tokenize-command.js";

/** `unknown key "x" in <where> (did you mean "y"?)`, or the list of valid keys. */
function unknownKeysMessage(keys: readonly string[], where: string, validKeys: readonly string[]): string {
  const unknown = keys.map((key) => `"${key}"`).join(", ");
  const noun = keys.length === 1 ? "key" : "keys";
  // Non-null: `keys` has exactly one key here.
  const suggestion = keys.length === 1 ? suggest(keys[0]!, validKeys) : undefined;
  const hint = suggestion ? `did you mean "${suggestion}"?` : `valid keys: ${validKeys.join(", ")}`;
  return `unknown ${noun} ${unknown} in ${where} (${hint})`;
}

/** A zod error option that names the unknown keys and suggests or lists the valid ones. */
function rejectUnknownKeys(where: string, validKeys: readonly string[]) {
  return {
    error: (issue: { code?: string; keys?: string[] }) => {
      if (issue.code !== "unrecognized_keys" || !issue.keys) return undefined;
      return unknownKeysMessage(issue.keys, where, validKeys);
    },
  };
}

/** Why a rule pattern can never match a command, or `undefined` when it is usable. */
function patternProblem(pattern: string): string | undefined {
  if (pattern === "") return undefined; // reported by min(1)
  const metacharacter = findBlockedMetacharacter(pattern);
  if (metacharacter !== undefined) {
    return `pattern ${JSON.stringify(pattern)} contains the shell metacharacter '${metacharacter}', so no allowed command can match it`;
  }
  const tokenized = tokenizeCommand(pattern);
  if (tokenized.type === "error")
    return `pattern ${JSON.stringify(pattern)} cannot be parsed: ${tokenized.message}`;
  if (tokenized.tokens.length === 0) return "pattern must contain a command name, not only whitespace";
  if (tokenized.tokens[0] === "") return `pattern ${JSON.stringify(pattern)} must start with a command name`;
  return undefined;
}

const ruleKeys = [
  "pattern",
  "approval_required",
  "profile",
  "options",
  "operands",
  "approval_required_if_args",
];

/** Why a `profile:` value names no profile, or `undefined` when it is one (or `none`). */
function profileProblem(profile: string): string | undefined {
  if (profile === "none" || READ_ONLY_PROFILE_NAMES.includes(profile)) return undefined;
  const hint = suggest(profile, READ_ONLY_PROFILE_NAMES);
  const valid = `profiles: ${READ_ONLY_PROFILE_NAMES.join(", ")}; or none`;
  return `unknown profile ${JSON.stringify(profile)} (${hint ? `did you mean "${hint}"? ` : ""}${valid})`;
}

const OptionEntry = z
  .string()
  .min(1, "options entries must not be empty")
  .superRefine((text, context) => {
    const parsed = parseOptionSpec(text);
    if (parsed.type === "error") context.addIssue({ code: "custom", message: parsed.message });
  });

const operandsMessage =
  'operands must be "any", "none" or the most operands allowed (a whole number, e.g. 1)';

// Unknown keys are rejected by ShellRule below, before these fields are checked.
const ShellRuleFields = z.object({
  /** The leading words to match, e.g. `git log` (quoted like a command). */
  pattern: z
    .string()
    .min(1, "pattern must not be empty")
    .superRefine((pattern, context) => {
      const problem = patternProblem(pattern);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
    }),
  /** Whether matching commands need approval (default `true`). */
  approval_required: z.boolean().default(true),
  /**
   * A vetted read-only profile whose options this rule allows (default: the one named like the
   * pattern, if any); `none` for no profile.
   */
  profile: z
    .string()
    .superRefine((profile, context) => {
      const problem = profileProblem(profile);
      if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** Options allowed besides the profile's, as in a manual (`-n N`, `--stat[=N]`); `any` allows every option. */
  options: z
    .union([z.literal("any"), z.array(OptionEntry)], {
      error: (issue) =>
        issue.code === "invalid_union"
          ? 'options must be a list (e.g. [-n, "-e PATTERN"]) or "any"'
          : undefined,
    })
    .optional(),
  /** How many operands are allowed (default: the profile's, else none). */
  operands: z
    .union([z.literal("any"), z.literal("none"), z.number().int(operandsMessage).min(0, operandsMessage)], {
      error: () => operandsMessage,
    })
    .optional(),
  /** Arguments that make a matching command need approval anyway, e.g. `-delete`. */
  approval_required_if_args: z
    .array(z.string().min(1, "approval_required_if_args entries must not be empty"))
    .optional(),
});

/**
 * One rule: commands whose leading words are the pattern's words. Unknown keys are reported
 * alone, so a misspelt `patern` is not first reported as a missing `pattern`.
 */
export const ShellRule = z.preprocess((value, context) => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const unknown = Object.keys(value).filter((key) => !ruleKeys.includes(key));
  if (unknown.length > 0)
    context.addIssue({ code: "custom", message: unknownKeysMessage(unknown, "a shell rule", ruleKeys) });
  return value;
}, ShellRuleFields);

/** One rule: commands whose leading words are the pattern's words. */
export type ShellRule = z.infer<typeof ShellRule>;

/** What happens to commands that match no rule. */
export const ShellDefault = z.strictObject(
  {
    /** Whether unmatched commands need approval (default `true`). */
    approval_required: z.boolean().default(true),
  },
  rejectUnknownKeys("shell default", ["approval_required"]),
);

/** What happens to commands that match no rule. */
export type ShellDefault = z.infer<typeof ShellDefault>;

const shellConfigKeys = ["rules", "default", "cwd", "sandbox", "network"];

/** How commands are sandboxed: `required` fails when no sandbox can start; `auto` warns and runs without. */
export type SandboxMode = "required" | "auto" | "off";

/**
 * The `shell` toolset's configuration. Without `default` (or with `default: null`), commands
 * that match no rule are blocked, so `shell: {}` blocks everything.
 */
export const ShellConfig = z.strictObject(
  {
    /** Checked in order; the first rule that matches decides. */
    rules: z.array(ShellRule).optional(),
    /** Present (even `{}`): unmatched commands are allowed. Absent or null: they are blocked. */
    default: ShellDefault.nullable().optional(),
    /** The commands' working directory, relative to the run's (default: the run's). */
    cwd: z.string().min(1, "cwd must not be empty").optional(),
    /** Whether commands run in an OS sandbox (default `auto`: when one is available). */
    // `--set toolsets.shell.sandbox=off` arrives as the boolean false (as `off` does in YAML 1.1).
    sandbox: z
      .preprocess(
        (value) => (value === false ? "off" : value),
        z.enum(["required", "auto", "off"], { error: () => 'sandbox must be "required", "auto" or "off"' }),
      )
      .optional(),
    /** Whether sandboxed commands may use the network (default `deny`). */
    network: z.enum(["deny", "allow"], { error: () => 'network must be "deny" or "allow"' }).optional(),
  },
  rejectUnknownKeys("shell config", shellConfigKeys),
);

/** The `shell` toolset's configuration (after defaults are applied). */
export type ShellConfig = z.infer<typeof ShellConfig>;
