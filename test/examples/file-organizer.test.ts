import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { exampleCommands } from "./example-commands.js";
import {
  argumentsOf,
  callEnds,
  copyExample,
  eventsOf,
  eventsOfType,
  loadExample,
  moduleOf,
  runDocumented,
  runSetupSteps,
  toolNames,
  toolsetNames,
} from "./example-support.js";

const messyNames = [
  "2024-03-15 Invoice #1234.pdf",
  "FINAL_Report_v3.pdf",
  "John's Birthday Photo!!.jpg",
  "Meeting Notes (2).docx",
  "README (copy).md",
  "project_proposal___DRAFT.txt",
];

const cleanNames = [
  "2024-03-15-invoice-1234.pdf",
  "john-birthday-photo.jpg",
  "meeting-notes.docx",
  "project-proposal.txt",
  "quarterly-report.pdf",
  "readme.md",
];

const sorted = (names: string[]) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe("examples/file_organizer", { timeout: 60_000 }, () => {
  it("combines file_tools with shell rules: ls runs freely, mv asks", async () => {
    const project = await loadExample("file_organizer", ["main.worker", "tools.ts"]);
    expect(toolNames(project, "file_tools")).toEqual(["sanitize_filename"]);
    expect(toolsetNames(project, "main")).toEqual(["file_tools", "shell"]);
    expect(project.registry.workers.get("main")!.toolsets[1]!.config).toEqual({
      rules: [
        { pattern: "ls", approval_required: false },
        { pattern: "mv", approval_required: true },
      ],
    });
  });

  it("sanitizes names the same way every time", async () => {
    const project = await loadExample("file_organizer", ["main.worker", "tools.ts"]);
    const { sanitizeFilename } = moduleOf(project, "file_organizer", "tools.ts") as {
      sanitizeFilename: (name: string) => string;
    };
    expect(sanitizeFilename("Meeting Notes (2).docx")).toBe("meeting-notes-2.docx");
    expect(sanitizeFilename("  project_proposal___DRAFT.TXT ")).toBe("project-proposal-draft.txt");
    expect(sanitizeFilename("John's Birthday Photo!!.jpg")).toBe("johns-birthday-photo.jpg");
    expect(sanitizeFilename("README")).toBe("readme");
    expect(sanitizeFilename("!!!.md")).toBe("file.md");
  });

  it("reset.sh creates the six messy files; the offline run renames them all", async () => {
    await using project = await copyExample("file_organizer", ["messy_files"]);
    const result = await runDocumented(exampleCommands.fileOrganizer, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Renamed 6 files in messy_files:");
    expect(sorted(await readdir(project.path("messy_files")))).toEqual(cleanNames);
  });

  it("asks for each mv and for nothing else", async () => {
    await using project = await copyExample("file_organizer", ["messy_files"]);
    const events = eventsOf(
      await runDocumented(exampleCommands.fileOrganizer, project.dir, { extraArguments: ["--json"] }),
    );
    const listing = callEnds(events, "shell")[0]!;
    expect((listing.output as { stdout: string }).stdout.split("\n").filter(Boolean).sort()).toEqual(
      sorted(messyNames),
    );
    expect(callEnds(events, "sanitize_filename").map((event) => event.output)).toEqual([
      "2024-03-15-invoice-1234.pdf",
      "quarterly-report.pdf",
      "john-birthday-photo.jpg",
      "meeting-notes.docx",
      "readme.md",
      "project-proposal.txt",
    ]);
    const asked = eventsOfType(events, "approval-request").map((event) => event.request.description);
    expect(asked).toHaveLength(6);
    for (const description of asked) expect(description).toMatch(/^Execute: mv /);
  });

  it("renames nothing when a headless run cannot approve the first mv", async () => {
    await using project = await copyExample("file_organizer", ["messy_files"]);
    await runSetupSteps(exampleCommands.fileOrganizer, project.dir);
    const cliArguments = argumentsOf(exampleCommands.fileOrganizer.line).filter(
      (argument) => argument !== "--approve-all",
    );
    const result = await runCli(cliArguments, { cwd: project.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Approval denied for shell: use --approve-all to allow it in headless mode",
    );
    expect(sorted(await readdir(project.path("messy_files")))).toEqual(sorted(messyNames));
  });
});
