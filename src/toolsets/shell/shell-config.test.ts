import { describe, expect, it } from "vitest";
import { ShellConfig } from "./shell-config.js";

function issues(config: unknown): Array<{ path: PropertyKey[]; message: string }> {
  const result = ShellConfig.safeParse(config);
  if (result.success) throw new Error("expected the configuration to be rejected");
  return result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe("ShellConfig", () => {
  it("fills in approval_required: true for rules and the default", () => {
    expect(ShellConfig.parse({ rules: [{ pattern: "git" }], default: {}, cwd: "sub" })).toEqual({
      rules: [{ pattern: "git", approval_required: true }],
      default: { approval_required: true },
      cwd: "sub",
    });
  });

  it("accepts an empty mapping and a null default", () => {
    expect(ShellConfig.parse({})).toEqual({});
    expect(ShellConfig.parse({ default: null })).toEqual({ default: null });
  });

  it("rejects unknown keys at every level, listing the valid ones", () => {
    expect(issues({ timeout: 30 })).toEqual([
      {
        path: [],
        message: 'unknown key "timeout" in shell config (valid keys: rules, default, cwd, sandbox, network)',
      },
    ]);
    expect(issues({ rules: [{ pattern: "git", approve: false, args: [] }] })).toEqual([
      {
        path: ["rules", 0],
        message:
          'unknown keys "approve", "args" in a shell rule (valid keys: pattern, approval_required, profile, options, operands, approval_required_if_args)',
      },
    ]);
    expect(issues({ default: { pre_approved: true } })).toEqual([
      {
        path: ["default"],
        message: 'unknown key "pre_approved" in shell default (valid keys: approval_required)',
      },
    ]);
  });

  it("reports a misspelt key with a suggestion, not as a missing one", () => {
    expect(issues({ rules: [{ patern: "git" }] })).toEqual([
      { path: ["rules", 0], message: 'unknown key "patern" in a shell rule (did you mean "pattern"?)' },
    ]);
    expect(issues({ rule: [] })).toEqual([
      { path: [], message: 'unknown key "rule" in shell config (did you mean "rules"?)' },
    ]);
  });

  it("rejects a rule that is not a mapping or has no pattern", () => {
    expect(issues({ rules: ["git"] })[0]?.path).toEqual(["rules", 0]);
    expect(issues({ rules: [{ approval_required: false }] })).toEqual([
      { path: ["rules", 0, "pattern"], message: "Invalid input: expected string, received undefined" },
    ]);
  });

  it("rejects an empty or blank pattern", () => {
    expect(issues({ rules: [{ pattern: "" }] })).toEqual([
      { path: ["rules", 0, "pattern"], message: "pattern must not be empty" },
    ]);
    expect(issues({ rules: [{ pattern: "  " }] })).toEqual([
      { path: ["rules", 0, "pattern"], message: "pattern must contain a command name, not only whitespace" },
    ]);
  });

  it("rejects patterns that could never match an allowed command", () => {
    expect(issues({ rules: [{ pattern: "ls | wc" }] })).toEqual([
      {
        path: ["rules", 0, "pattern"],
        message: `pattern "ls | wc" contains the shell metacharacter '|', so no allowed command can match it`,
      },
    ]);
    expect(issues({ rules: [{ pattern: "git 'log" }] })).toEqual([
      { path: ["rules", 0, "pattern"], message: `pattern "git 'log" cannot be parsed: No closing quotation` },
    ]);
  });

  it("rejects empty approval_required_if_args entries and wrong types", () => {
    expect(issues({ rules: [{ pattern: "find", approval_required_if_args: [""] }] })).toEqual([
      {
        path: ["rules", 0, "approval_required_if_args", 0],
        message: "approval_required_if_args entries must not be empty",
      },
    ]);
    expect(issues({ rules: [{ pattern: "find", approval_required: "no" }] })).toEqual([
      {
        path: ["rules", 0, "approval_required"],
        message: "Invalid input: expected boolean, received string",
      },
    ]);
  });

  it("accepts the sandbox, network, profile, options and operands keys", () => {
    const config = {
      sandbox: "required",
      network: "allow",
      rules: [
        {
          pattern: "grep",
          approval_required: false,
          profile: "grep",
          options: ["-P", "--label=NAME"],
          operands: 2,
        },
      ],
    };
    expect(ShellConfig.parse(config)).toEqual(config);
  });

  it("reads sandbox: false (what `--set toolsets.shell.sandbox=off` gives) as off", () => {
    expect(ShellConfig.parse({ sandbox: false })).toEqual({ sandbox: "off" });
  });

  it("rejects a bad sandbox or network value, naming the valid ones", () => {
    expect(issues({ sandbox: true })).toHaveLength(1);
    expect(issues({ sandbox: "on" })).toEqual([
      { path: ["sandbox"], message: 'sandbox must be "required", "auto" or "off"' },
    ]);
    expect(issues({ network: true })).toEqual([
      { path: ["network"], message: 'network must be "deny" or "allow"' },
    ]);
  });

  it("rejects an unknown profile with a suggestion and the list", () => {
    const [issue] = issues({ rules: [{ pattern: "git log", profile: "git-log" }] });
    expect(issue?.path).toEqual(["rules", 0, "profile"]);
    expect(issue?.message).toMatch(
      /^unknown profile "git-log" \(did you mean "git log"\? profiles: cat, head, .*; or none\)$/,
    );
  });

  it("rejects option entries it cannot read, and bad operands", () => {
    expect(issues({ rules: [{ pattern: "ls", options: ["-l", "la"] }] })).toEqual([
      {
        path: ["rules", 0, "options", 1],
        message:
          'option "la" is not one of the forms -x, -x VALUE, -x[VALUE], --name, --name=VALUE, --name VALUE, --name[=VALUE], -word, -word VALUE, -NUM',
      },
    ]);
    expect(issues({ rules: [{ pattern: "ls", options: "all" }] })).toEqual([
      { path: ["rules", 0, "options"], message: 'options must be a list (e.g. [-n, "-e PATTERN"]) or "any"' },
    ]);
    expect(issues({ rules: [{ pattern: "ls", operands: -1 }] })).toEqual([
      {
        path: ["rules", 0, "operands"],
        message: 'operands must be "any", "none" or the most operands allowed (a whole number, e.g. 1)',
      },
    ]);
  });
});
