import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  runDocumented,
  toolsetNames,
} from "./example-support.js";

const note = "2026-03-14 09:30 • Called the bank about the card\n";

describe("examples/approvals_demo", { timeout: 60_000 }, () => {
  it("gives main the built-in filesystem toolset with its defaults", async () => {
    const project = await loadExample("approvals_demo", ["main.worker"]);
    expect(toolsetNames(project, "main")).toEqual(["filesystem"]);
    expect(project.registry.workers.get("main")!.toolsets[0]!.config).toEqual({});
  });

  it("writes notes/activity.log once the write is approved", async () => {
    await using project = await copyExample("approvals_demo", ["notes"]);
    const result = await runDocumented(exampleCommands.approvalsDemo, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`Saved to notes/activity.log: ${note}`);
    expect(await readFile(project.path("notes/activity.log"), "utf8")).toBe(note);
  });

  it("asks before writing, and only before writing", async () => {
    await using project = await copyExample("approvals_demo", ["notes"]);
    const events = eventsOf(
      await runDocumented(exampleCommands.approvalsDemo, project.dir, { extraArguments: ["--json"] }),
    );
    const requests = eventsOfType(events, "approval-request").map((event) => event.request);
    expect(requests).toEqual([
      {
        toolName: "write_file",
        input: { path: "notes/activity.log", content: note },
        description: "Write 50 chars to notes/activity.log",
        callPath: ["main", "write_file"],
        depth: 1,
      },
    ]);
    expect(eventsOfType(events, "approval-response").map((event) => event.decidedBy)).toEqual(["policy"]);
  });

  it("fails a headless run without --approve-all, and writes nothing", async () => {
    await using project = await copyExample("approvals_demo", ["notes"]);
    const result = await runDocumented(exampleCommands.approvalsDemoHeadless, project.dir);
    expect(result.code).toBe(exampleCommands.approvalsDemoHeadless.exitCode);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      "Error: Approval denied for write_file: use --approve-all to allow it in headless mode",
    );
    expect(existsSync(project.path("notes"))).toBe(false);
  });
});
