import { describe, expect, it } from "vitest";
import { type CommandPolicy, classifyCommand } from "./classify-command.js";
import { ShellConfig } from "./shell-config.js";

function policy(config: unknown): CommandPolicy {
  return ShellConfig.parse(config);
}

const allowAll = policy({ default: { approval_required: false } });

function metacharacterReason(metacharacter: string): string {
  return `Command contains blocked metacharacter '${metacharacter}'. Shell metacharacters are not allowed: run one command at a time and combine the results yourself.`;
}

describe("classifyCommand: metacharacters", () => {
  it.each([
    ["|", "ls | wc -l"],
    [">", "echo hi > out.txt"],
    ["<", "wc -l < in.txt"],
    [";", "ls; rm x"],
    ["&", "sleep 1 &"],
    ["`", "echo `whoami`"],
    ["$(", "echo $(whoami)"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the point.
    ["${", "echo ${HOME}"],
  ])("blocks '%s' and names it", (metacharacter, command) => {
    expect(classifyCommand(command, allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason(metacharacter),
    });
  });

  it("blocks metacharacters inside single and double quotes too", () => {
    expect(classifyCommand("grep 'a|b' file", allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason("|"),
    });
    expect(classifyCommand('echo "x > y"', allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason(">"),
    });
  });

  it("names the metacharacter that occurs first in the string", () => {
    expect(classifyCommand("a > b | c", allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason(">"),
    });
    expect(classifyCommand("a | b > c", allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason("|"),
    });
    expect(classifyCommand("a && b", allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason("&"),
    });
    expect(classifyCommand("echo $(a) ; b", allowAll)).toEqual({
      type: "blocked",
      reason: metacharacterReason("$("),
    });
  });

  // Without a shell nothing expands `$HOME` and a newline only separates words, so neither can
  // smuggle in a second command: `echo a\nrm x` runs echo with the words `a rm x`.
  it("allows a plain $VAR and newlines, passing them on as literal words", () => {
    expect(classifyCommand("echo $HOME", allowAll)).toEqual({
      type: "pre-approved",
      argv: ["echo", "$HOME"],
    });
    expect(classifyCommand("echo a\nrm x", allowAll)).toEqual({
      type: "pre-approved",
      argv: ["echo", "a", "rm", "x"],
    });
  });
});

describe("classifyCommand: parsing", () => {
  it("blocks an unclosed quote", () => {
    expect(classifyCommand("echo 'oops", allowAll)).toEqual({
      type: "blocked",
      reason: "Cannot parse command: No closing quotation",
    });
  });

  it("blocks a trailing backslash", () => {
    expect(classifyCommand("echo oops\\", allowAll)).toEqual({
      type: "blocked",
      reason: "Cannot parse command: No escaped character after trailing backslash",
    });
  });

  it("blocks an empty command, a blank one, and an empty command name", () => {
    expect(classifyCommand("", allowAll)).toEqual({ type: "blocked", reason: "Empty command" });
    expect(classifyCommand("   \n", allowAll)).toEqual({ type: "blocked", reason: "Empty command" });
    expect(classifyCommand("'' x", allowAll)).toEqual({ type: "blocked", reason: "Empty command" });
  });
});

describe("classifyCommand: rules", () => {
  const rules = policy({
    rules: [
      { pattern: "git log", approval_required: false },
      { pattern: "git", approval_required: true },
      { pattern: "ls", approval_required: false },
      {
        pattern: "find",
        approval_required: false,
        approval_required_if_args: ["-delete", "-exec", "--output"],
      },
    ],
  });

  it("matches whole leading words, not string prefixes", () => {
    expect(classifyCommand("git status", rules)).toEqual({ type: "needs-approval", argv: ["git", "status"] });
    expect(classifyCommand("gitx status", rules)).toEqual({
      type: "blocked",
      reason: "Command not in the allowed list (no matching rule and no default): gitx status",
    });
    expect(classifyCommand("lsof", rules).type).toBe("blocked");
  });

  it("matches multi-word patterns word by word", () => {
    expect(classifyCommand("git log -5", rules)).toEqual({
      type: "pre-approved",
      argv: ["git", "log", "-5"],
    });
    expect(classifyCommand("git logx", rules)).toEqual({ type: "needs-approval", argv: ["git", "logx"] });
    expect(classifyCommand("  git   'log'  ", rules)).toEqual({ type: "pre-approved", argv: ["git", "log"] });
  });

  it("lets the first matching rule win", () => {
    const gitFirst = policy({
      rules: [
        { pattern: "git", approval_required: true },
        { pattern: "git log", approval_required: false },
      ],
    });
    expect(classifyCommand("git log", gitFirst)).toEqual({ type: "needs-approval", argv: ["git", "log"] });
  });

  it("asks for approval when a listed argument follows the pattern", () => {
    expect(classifyCommand("find . -name x", rules)).toEqual({
      type: "pre-approved",
      argv: ["find", ".", "-name", "x"],
    });
    expect(classifyCommand("find . -delete", rules)).toEqual({
      type: "needs-approval",
      reason: "Argument '-delete' requires approval under rule 'find'",
      argv: ["find", ".", "-delete"],
    });
  });

  it("matches --opt=value forms of a listed argument, and names the first one in the command", () => {
    expect(classifyCommand("find . --output=x.txt -delete", rules)).toMatchObject({
      type: "needs-approval",
      reason: "Argument '--output' requires approval under rule 'find'",
    });
    // Not a listed argument, but not one the find profile allows either.
    expect(classifyCommand("find . --outputs", rules)).toMatchObject({
      type: "needs-approval",
      reason: "Rule 'find' does not allow option '--outputs'",
    });
  });

  it("checks listed arguments only after the pattern's words", () => {
    const rule = policy({
      rules: [
        { pattern: "rm -i", approval_required: false, approval_required_if_args: ["-i"], operands: "any" },
      ],
    });
    expect(classifyCommand("rm -i a", rule).type).toBe("pre-approved");
    expect(classifyCommand("rm -i a -i", rule).type).toBe("needs-approval");
  });
});

describe("classifyCommand: what an allow rule allows after its pattern", () => {
  it("applies the vetted profile named like the pattern", () => {
    const rules = policy({ rules: [{ pattern: "git log", approval_required: false }] });
    expect(classifyCommand("git log -5 --oneline -- src", rules).type).toBe("pre-approved");
    expect(classifyCommand("git log -1 --output=/tmp/X", rules)).toEqual({
      type: "needs-approval",
      reason: "Rule 'git log' does not allow option '--output=/tmp/X'",
      argv: ["git", "log", "-1", "--output=/tmp/X"],
    });
  });

  it("allows nothing after the pattern when the rule names no profile and no options", () => {
    const rules = policy({ rules: [{ pattern: "make test", approval_required: false }] });
    expect(classifyCommand("make test", rules).type).toBe("pre-approved");
    expect(classifyCommand("make test -j4", rules)).toMatchObject({
      type: "needs-approval",
      reason: "Rule 'make test' does not allow option '-j4'",
    });
    expect(classifyCommand("make test clean", rules)).toMatchObject({
      type: "needs-approval",
      reason: "Rule 'make test' does not allow operands (got 'clean')",
    });
  });

  it("allows the options a rule lists and the operands it counts", () => {
    const rules = policy({
      rules: [{ pattern: "cowsay", approval_required: false, options: ["-f NAME", "--think"], operands: 1 }],
    });
    expect(classifyCommand("cowsay -f tux --think hello", rules).type).toBe("pre-approved");
    expect(classifyCommand("cowsay -e xx hello", rules).type).toBe("needs-approval");
    expect(classifyCommand("cowsay hello there", rules)).toMatchObject({
      reason: "Rule 'cowsay' does not allow more than 1 operand (got 'hello', 'there')",
    });
  });

  it("adds listed options to a profile, and `profile: none` drops it", () => {
    const extended = policy({ rules: [{ pattern: "sort", approval_required: false, options: ["-S SIZE"] }] });
    expect(classifyCommand("sort -S 1K -n a.txt", extended).type).toBe("pre-approved");
    expect(classifyCommand("sort -o out a.txt", extended).type).toBe("needs-approval");
    const bare = policy({
      rules: [
        { pattern: "sort", approval_required: false, profile: "none", options: ["-n"], operands: "any" },
      ],
    });
    expect(classifyCommand("sort -n a.txt", bare).type).toBe("pre-approved");
    expect(classifyCommand("sort -r a.txt", bare).type).toBe("needs-approval");
  });

  it("uses a named profile for another pattern", () => {
    const rules = policy({
      rules: [{ pattern: "/usr/bin/grep", approval_required: false, profile: "grep" }],
    });
    expect(classifyCommand("/usr/bin/grep -rn TODO src", rules).type).toBe("pre-approved");
    expect(classifyCommand("/usr/bin/grep --exec x", rules).type).toBe("needs-approval");
  });

  it("lets `options: any` and `operands: any` allow everything, as rules did before", () => {
    const rules = policy({
      rules: [{ pattern: "python3", approval_required: false, options: "any", operands: "any" }],
    });
    expect(classifyCommand("python3 -c print(1)", rules).type).toBe("pre-approved");
  });

  it("does not check the arguments of a rule that asks anyway", () => {
    const rules = policy({ rules: [{ pattern: "mv", approval_required: true }] });
    expect(classifyCommand("mv a b", rules)).toEqual({ type: "needs-approval", argv: ["mv", "a", "b"] });
  });
});

describe("classifyCommand: unmatched commands", () => {
  it("blocks them when there is no default, so `shell: {}` blocks everything", () => {
    expect(classifyCommand("ls", policy({}))).toEqual({
      type: "blocked",
      reason: "Command not in the allowed list (no matching rule and no default): ls",
    });
    expect(classifyCommand("ls", policy({ default: null })).type).toBe("blocked");
  });

  it("asks for approval with `default: {}`", () => {
    expect(classifyCommand("ls -la", policy({ default: {} }))).toEqual({
      type: "needs-approval",
      argv: ["ls", "-la"],
    });
  });

  it("runs them freely with `default: { approval_required: false }`", () => {
    expect(classifyCommand("ls", allowAll)).toEqual({ type: "pre-approved", argv: ["ls"] });
  });
});
