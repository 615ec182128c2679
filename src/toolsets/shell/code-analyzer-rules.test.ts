/**
 * The attacks of issue 15 (and their relatives) against the rules the `code_analyzer` example
 * ships: none may run without approval. The same attacks through the real CLI are in
 * test/examples/code-analyzer-attacks.test.ts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseWorkerFile } from "../../worker/parse-worker-file.js";
import { classifyCommand } from "./classify-command.js";
import { ShellConfig } from "./shell-config.js";

const file = fileURLToPath(new URL("../../../examples/code_analyzer/main.worker", import.meta.url));
const worker = parseWorkerFile(readFileSync(file, "utf8"), file);
const policy = ShellConfig.parse(worker.toolsets.find((reference) => reference.name === "shell")!.config);

/** Writes a file or runs a program of the model's choosing when it runs. */
const attacks = [
  // Output files.
  "git log -1 --output=/tmp/X",
  "git log -1 --output /tmp/X",
  "git diff HEAD --output=/tmp/X",
  "git show HEAD --output=/tmp/X",
  "git log -1 --outp=/tmp/X",
  "find a.txt -fprint /tmp/X",
  "find a.txt -fprint0 /tmp/X",
  "find . -fls /tmp/X",
  "find a.txt -fprintf .git/config '[core]\\n\\tfsmonitor = touch /tmp/PWN\\n'",
  "sort -o /tmp/X a.txt",
  "sort -uo/tmp/X a.txt",
  "sort --output=/tmp/X a.txt",
  "sort -T /tmp/dir a.txt",
  "uniq a.txt /tmp/X",
  "uniq -c a.txt /tmp/X",
  "uniq -- a.txt /tmp/X",
  // Programs run: exec options, compress and filter programs, diff drivers.
  "find . -exec touch /tmp/X +",
  "find . -execdir touch /tmp/X +",
  "find . -ok touch /tmp/X +",
  "find . -okdir touch /tmp/X +",
  "find . -delete",
  "find -- . -delete",
  "find . -name x -o -delete",
  "sort -S 1K --compress-program=sh cmds.txt",
  "sort --compress-prog=sh cmds.txt",
  "git log -p --ext-diff",
  "git diff --ext-diff",
  "git log -p --textconv",
  "git show --textconv HEAD",
  "git log --show-signature",
  "git diff --no-index /etc/passwd a.txt",
  "git log -O/tmp/order -p",
  "tail -f a.txt",
  // Configuration and pager overrides: the pattern no longer matches, so no rule allows them.
  "git -c core.pager=sh log",
  "git -c core.fsmonitor=touch status",
  "git --config-env=core.pager=X log",
  "git -C /tmp log",
  "git --exec-path=/tmp log",
  "git --no-pager log --output=/tmp/X",
  // Lookalikes, paths to binaries, shells.
  "/usr/bin/sort -o /tmp/X a.txt",
  "sh -c 'sort -o /tmp/X a.txt'",
  "env sort -o /tmp/X a.txt",
  "git logx",
  "sorted a.txt",
];

/** Read-only uses that must keep running without approval. */
const everyday = [
  'find sample_app -name "*.py"',
  "find . -type f -name *.ts -not -path ./node_modules/* -print",
  "wc -l sample_app/todo.py sample_app/storage.py",
  "grep -rn TODO sample_app",
  "grep -rn --include=*.py -e TODO -C 2 sample_app",
  "head -n 20 a.txt",
  "head -20 a.txt",
  "tail -n +5 a.txt",
  "sort -rn -k 2 a.txt",
  "uniq -c a.txt",
  "cat -n a.txt",
  "ls -la sample_app",
  "git log -5 --oneline",
  "git log --format=%h%x09%s --since=2024-01-01 -- src",
  "git diff HEAD~1 --stat",
  "git show HEAD --name-only",
  "git status --porcelain",
];

describe("the code_analyzer example's shell rules", () => {
  it.each(attacks)("never runs `%s` without approval", (command) => {
    expect(["needs-approval", "blocked"]).toContain(classifyCommand(command, policy).type);
  });

  it.each(everyday)("runs `%s` without asking", (command) => {
    expect(classifyCommand(command, policy).type).toBe("pre-approved");
  });

  it("names what needs approval", () => {
    expect(classifyCommand("git log -1 --output=/tmp/X", policy)).toMatchObject({
      reason: "Rule 'git log' does not allow option '--output=/tmp/X'",
    });
    expect(classifyCommand("uniq a.txt /tmp/X", policy)).toMatchObject({
      reason: "Rule 'uniq' does not allow more than 1 operand (got 'a.txt', '/tmp/X')",
    });
    expect(classifyCommand("sort -S 1K --compress-program=sh cmds.txt", policy)).toMatchObject({
      reason: "Rule 'sort' does not allow option '-S'",
    });
    expect(classifyCommand("git -c core.pager=sh log", policy)).toMatchObject({ type: "blocked" });
  });
});
