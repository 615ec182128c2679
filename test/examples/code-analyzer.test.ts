import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { exampleCommands } from "./example-commands.js";
import {
  callEnds,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  runDocumented,
} from "./example-support.js";

const allowed = ["wc", "find", "grep", "head", "tail", "sort", "uniq", "cat", "ls"];
const git = ["git log", "git diff", "git show", "git status"];

describe("examples/code_analyzer", { timeout: 60_000 }, () => {
  it("whitelists read-only commands, with no default", async () => {
    const project = await loadExample("code_analyzer", ["main.worker"]);
    const shell = project.registry.workers.get("main")!.toolsets[0]!;
    expect(shell.name).toBe("shell");
    const rules = (shell.config as { rules: { pattern: string; approval_required: boolean }[] }).rules;
    expect(rules.map((rule) => rule.pattern)).toEqual([...allowed, ...git]);
    expect(rules.every((rule) => rule.approval_required === false)).toBe(true);
    expect(shell.config).not.toHaveProperty("default");
  });

  it("analyses sample_app offline; the piped command is blocked and never runs", async () => {
    await using project = await copyExample("code_analyzer");
    const result = await runDocumented(exampleCommands.codeAnalyzer, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("68 lines in 3 files");

    const events = eventsOf(
      await runDocumented(exampleCommands.codeAnalyzer, project.dir, { extraArguments: ["--json"] }),
    );
    const shell = callEnds(events, "shell");
    expect(shell.map((event) => event.outcome)).toEqual(["ok", "ok", "blocked", "ok"]);
    const outputs = shell.map((event) => (event.output as { stdout?: string } | undefined)?.stdout ?? "");
    expect(outputs[1]).toContain("68 total");
    expect(shell[2]?.error?.message).toContain("Command contains blocked metacharacter '|'");
    expect(outputs[3]).toContain("sample_app/todo.py:16:");
    expect(outputs[3]).toContain("sample_app/storage.py:17:");
    expect(eventsOfType(events, "approval-request")).toEqual([]);
  });

  it("blocks a command outside the whitelist, whatever the approval flag", async () => {
    await using project = await copyExample("code_analyzer");
    await project.write(
      "rm.replay",
      [
        "- key: main/1",
        "  response:",
        "    tool_calls: [{ name: shell, input: { command: rm -rf sample_app } }]",
        "- key: main/2",
        "  response: { text: I may not delete files. }",
      ].join("\n"),
    );
    const result = await runCli(
      ["main.worker", "--model", "replay:rm.replay", "--approve-all", "--json", "Clean up"],
      {
        cwd: project.dir,
      },
    );
    expect(result.code).toBe(0);
    const [end] = callEnds(eventsOf(result), "shell");
    expect(end?.outcome).toBe("blocked");
    expect(end?.error?.message).toContain("Command not in the allowed list");
    expect(existsSync(project.path("sample_app/todo.py"))).toBe(true);
  });
});
