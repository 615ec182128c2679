import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { assertBalanced, collectRun, outline } from "../support/collect-run.js";

const TOOLS_TS = `
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const notes = toolset({
  save: tool({
    description: "Save a note.",
    inputSchema: z.object({ name: z.string(), text: z.string() }),
    execute: async ({ name, text }, ctx) => {
      await writeFile(path.join(ctx.cwd, name), text);
      return "saved " + name;
    },
  }),
  review_all: tool({
    description: "Ask the reviewer about each topic, one after the other.",
    inputSchema: z.object({ topics: z.array(z.string()) }),
    execute: async ({ topics }, ctx) => {
      const answers = [];
      for (const topic of topics) answers.push(await ctx.call("reviewer", { input: topic }));
      return answers;
    },
  }),
});
`;

// A scripted orchestrator, per worker, without TypeScript: the keys name the call path and step.
const SCRIPT = `
# main asks two analyzers at once, then runs a code tool that calls the reviewer twice.
- key: main/1
  response:
    text: Splitting the work.
    tool_calls:
      - name: analyzer
        input: { input: apples }
      - name: analyzer
        input: { input: pears }
- key: main/1 > analyzer/1
  response: { text: apples are red }
- key: main/1 > analyzer#2/1
  response: { text: pears are green }
- key: main/2
  response:
    tool_calls:
      - name: review_all
        input: { topics: [colour, taste] }
- key: main/2 > review_all > reviewer/1
  response: { text: colour ok }
- key: main/2 > review_all > reviewer#2/1
  response: { text: taste ok }
- key: main/3
  response:
    tool_calls:
      - name: save
        input:
          name: summary.md
          text: |
            apples are red
            pears are green
- key: main/4
  response:
    text: Done.
`;

const worker = (name: string, tools: string[]) =>
  `---\nname: ${name}\n${tools.length ? `toolsets:\n${tools.map((tool) => `  ${tool}: {}\n`).join("")}` : ""}---\nYou are ${name}.\n`;

async function scriptProject(script = SCRIPT) {
  return tempProject({
    "tools.ts": TOOLS_TS,
    "main.worker": worker("main", ["analyzer", "notes"]),
    "analyzer.worker": worker("analyzer", []),
    "reviewer.worker": worker("reviewer", []),
    "demo.replay": script,
  });
}

const files = ["tools.ts", "main.worker", "analyzer.worker", "reviewer.worker"];

describe("hand-written replay scripts", () => {
  test("drive every worker of a run by call path; tools really run", async () => {
    await using project = await scriptProject();
    const { events, result, error } = await collectRun({
      files: files.map(project.path),
      input: "Compare fruit.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "approve_all",
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("Done.");
    expect(await readFile(project.path("summary.md"), "utf8")).toBe("apples are red\npears are green\n");
    assertBalanced(events);
    expect(outline(events).filter((line) => line.startsWith("call-end"))).toMatchInlineSnapshot(`
      [
        "call-end main > analyzer ok "apples are red"",
        "call-end main > analyzer ok "pears are green"",
        "call-end main > review_all > reviewer ok "colour ok"",
        "call-end main > review_all > reviewer ok "taste ok"",
        "call-end main > review_all ok ["colour ok","taste ok"]",
        "call-end main > save ok "saved summary.md"",
        "call-end main ok "Done."",
      ]
    `);
  });

  test("a request the script does not have fails with the keys it does have", async () => {
    await using project = await scriptProject(
      SCRIPT.replace("- key: main/4\n  response:\n    text: Done.\n", ""),
    );
    const { error } = await collectRun({
      files: files.map(project.path),
      input: "Compare fruit.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "approve_all",
    });
    expect(error?.code).toBe("REPLAY_DRIFT");
    expect(error?.message).toBe(
      "Replay drift at main/4 (call path main, step 4): demo.replay has no recorded response for this request (recorded for this call: main/1, main/2, main/3)",
    );
  });

  test("entries the run never used are drift once it ends", async () => {
    const extra = `${SCRIPT}- key: main/1 > analyzer#3/1\n  response: { text: plums }\n`;
    await using project = await scriptProject(extra);
    const options = {
      files: files.map(project.path),
      input: "Compare fruit.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "approve_all" as const,
    };
    const failed = await collectRun(options);
    expect(failed.error?.message).toBe(
      "Replay drift at main/1 > analyzer#3/1 (call path main > analyzer, step 1): the run ended without using 1 recorded entry of demo.replay: main/1 > analyzer#3/1",
    );
    const reported = await collectRun({ ...options, replayDrift: "report" });
    expect(reported.result?.output).toBe("Done.");
    expect(reported.events.filter((event) => event.type === "replay-drift")).toHaveLength(1);
  });

  test("a mistake in the script is reported with its line and column", async () => {
    await using project = await scriptProject("- key: main/1\n  respons:\n    text: hi\n");
    const { error } = await collectRun({
      files: files.map(project.path),
      input: "x",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
    });
    expect(error?.code).toBe("CONFIG_INVALID");
    expect(error?.message).toBe("demo.replay:1:3: unknown field 'respons' (did you mean 'response'?)");
  });
});

describe("the library API", () => {
  test("replayModel(await readRecording(file)) as the run's model serves every worker", async () => {
    const { readRecording, replayModel } = await import("../../src/testing/index.js");
    await using project = await scriptProject();
    const { result, error } = await collectRun({
      files: files.map(project.path),
      input: "Compare fruit.",
      cwd: project.dir,
      model: replayModel(await readRecording(project.path("demo.replay"), "demo.replay")),
      approval: "approve_all",
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("Done.");
  });
});
