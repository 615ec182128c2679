import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exampleCommands } from "./example-commands.js";
import {
  callStarts,
  copyExample,
  eventsOf,
  eventsOfType,
  exampleDir,
  loadExample,
  runDocumented,
  toolsetNames,
} from "./example-support.js";

describe("examples/whiteboard_planner", { timeout: 60_000 }, () => {
  it("main delegates to whiteboard_planner, which has no tools; the photo is a small PNG", async () => {
    const project = await loadExample("whiteboard_planner", ["main.worker", "whiteboard_planner.worker"]);
    expect(toolsetNames(project, "main")).toEqual(["whiteboard_planner", "filesystem"]);
    expect(toolsetNames(project, "whiteboard_planner")).toEqual([]);
    const image = path.join(exampleDir("whiteboard_planner"), "input/white_board_plan.png");
    const head = (await readFile(image)).subarray(0, 8);
    expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await stat(image)).size).toBeLessThan(100_000);
  });

  it("sends the image to the planner and writes plans/<slug>.md", async () => {
    await using project = await copyExample("whiteboard_planner", ["plans"]);
    const result = await runDocumented(exampleCommands.whiteboardPlanner, project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("white_board_plan.png: plan written to plans/white-board-plan.md\n");
    const plan = await readFile(project.path("plans/white-board-plan.md"), "utf8");
    expect(plan).toMatch(/^# Fieldnotes mobile app: Q3 plan\n/);
    for (const heading of ["## Summary", "## Epics", "## Timeline", "## Risks"])
      expect(plan).toContain(heading);

    const events = eventsOf(
      await runDocumented(exampleCommands.whiteboardPlanner, project.dir, { extraArguments: ["--json"] }),
    );
    expect(callStarts(events, "whiteboard_planner").map((event) => event.input)).toEqual([
      { input: '{"original_filename": "white_board_plan.png"}', attachments: ["input/white_board_plan.png"] },
    ]);
    expect(eventsOfType(events, "approval-request").map((event) => event.request.description)).toEqual([
      `Write ${[...plan].length} chars to plans/white-board-plan.md`,
    ]);
  });

  it("tells the model when an image is missing, instead of failing the run", async () => {
    await using project = await copyExample("whiteboard_planner", ["plans"]);
    await project.write(
      "missing.replay",
      [
        "- key: main/1",
        "  response:",
        "    tool_calls:",
        "      - name: whiteboard_planner",
        "        input: { input: x, attachments: [input/gone.png] }",
        "- key: main/2",
        "  response: { text: 'gone.png: Attachment not found' }",
      ].join("\n"),
    );
    const events = eventsOf(
      await runDocumented(
        {
          example: "whiteboard_planner",
          line: 'npx llm-do main.worker whiteboard_planner.worker --model replay:missing.replay --json "Plan"',
          exitCode: 0,
        },
        project.dir,
      ),
    );
    const [end] = eventsOfType(events, "call-end").filter((event) => event.name === "whiteboard_planner");
    expect(end?.outcome).toBe("error");
    expect(end?.error?.message).toContain("Attachment not found: input/gone.png");
    expect(eventsOfType(events, "run-end")[0]?.outcome).toBe("ok");
  });
});
