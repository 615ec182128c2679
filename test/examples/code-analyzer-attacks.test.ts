/**
 * Issue 15's attacks, through the real command, against the rules the `code_analyzer` example
 * ships: under `--reject-all` none runs (the argument rules make each need approval, or the
 * pattern no longer matches); under `--approve-all` they run, in the sandbox, and still write
 * nothing outside the working directory nor run anything through git's configuration. The full
 * list of attacks at the rule level is in src/toolsets/shell/code-analyzer-rules.test.ts.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { directoryOutsideTmp } from "../fixtures/shell/process-helpers.js";
import { callEnds, copyExample, eventsOf } from "./example-support.js";

const run = promisify(execFile);

function attacks(outside: string): { first: string[]; afterwards: string[] } {
  return {
    first: [
      `git log -1 --output=${outside}/git-log`,
      `git diff HEAD --output=${outside}/git-diff`,
      `find a.txt -fprint ${outside}/find-fprint`,
      `find a.txt -fls ${outside}/find-fls`,
      `find a.txt -fprintf .git/config '[core]\\n\\tfsmonitor = touch ${outside}/pwned-by-git\\n'`,
      `find . -exec touch ${outside}/find-exec +`,
      `sort -o ${outside}/sort-o a.txt`,
      "sort -S 1K --compress-program=sh cmds.txt",
      `uniq a.txt ${outside}/uniq`,
      "git -c core.pager=sh log",
      `git --config-env=core.fsmonitor=PWN status`,
    ],
    // After the fsmonitor attempt: git runs core.fsmonitor, if .git/config now has one.
    afterwards: ["git status"],
  };
}

function replay(steps: readonly (readonly string[])[]): string {
  const responses = steps.map((commands, index) => {
    const calls = commands.map(
      (command) => `      - name: shell\n        input: ${JSON.stringify({ command })}\n`,
    );
    return `- key: main/${index + 1}\n  response:\n    tool_calls:\n${calls.join("")}`;
  });
  return `${responses.join("")}- key: main/${steps.length + 1}\n  response: { text: done }\n`;
}

async function attackedProject(outside: string) {
  const project = await copyExample("code_analyzer");
  await project.write("a.txt", "b\na\na\n");
  // Read by `sh` as sort's compress program: each line a command of the model's choosing.
  await project.write("cmds.txt", `touch ${outside}/pwned-by-sort\n`.repeat(400));
  const git = (...args: string[]) => run("git", args, { cwd: project.dir });
  await git("init", "-q");
  await git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@example.com",
    "commit",
    "-q",
    "--allow-empty",
    "-m",
    "start",
  );
  const { first, afterwards } = attacks(outside);
  await project.write("attacks.replay", replay([first, afterwards]));
  return { project, first, config: readFileSync(project.path(".git/config"), "utf8") };
}

describe("examples/code_analyzer under attack", { timeout: 60_000 }, () => {
  it("--reject-all: no attack runs, nothing is written outside, git's config is untouched", async () => {
    await using outside = await directoryOutsideTmp();
    const { project, first, config } = await attackedProject(outside.path);
    await using _project = project;
    const result = await runCli(
      ["main.worker", "--model", "replay:attacks.replay", "--reject-all", "--json", "Analyse this"],
      { cwd: project.dir },
    );
    expect(result.code).toBe(0);
    const ends = callEnds(eventsOf(result), "shell");
    expect(ends.slice(0, first.length).map((end) => end.outcome)).toEqual([
      ...Array(first.length - 2).fill("denied"),
      "blocked",
      "blocked",
    ]);
    expect(ends[first.length]?.outcome).toBe("ok");
    expect(readdirSync(outside.path)).toEqual([]);
    expect(readFileSync(project.path(".git/config"), "utf8")).toBe(config);
  });

  it("--approve-all: the sandbox still keeps every write outside the working directory and git's config", async () => {
    await using outside = await directoryOutsideTmp();
    const { project, first, config } = await attackedProject(outside.path);
    await using _project = project;
    const result = await runCli(
      ["main.worker", "--model", "replay:attacks.replay", "--approve-all", "--json", "Analyse this"],
      { cwd: project.dir },
    );
    expect(result.code).toBe(0);
    const ends = callEnds(eventsOf(result), "shell");
    // Approved, so they ran; the two the rules block stay blocked.
    expect(ends.slice(0, first.length).map((end) => end.outcome)).toEqual([
      ...Array(first.length - 2).fill("ok"),
      "blocked",
      "blocked",
    ]);
    const stderr = ends
      .map((end) => (end.output as { stderr?: string } | undefined)?.stderr ?? "")
      .join("\n");
    expect(stderr).toContain("Read-only file system");
    expect(readdirSync(outside.path)).toEqual([]);
    expect(readFileSync(project.path(".git/config"), "utf8")).toBe(config);
  });
});
