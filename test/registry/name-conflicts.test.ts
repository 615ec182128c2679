import { describe, expect, test } from "vitest";
import { loadProject } from "../../src/index.js";
import { scriptedModel, tempProject, text } from "../../src/testing/index.js";
import { collectRun } from "../support/collect-run.js";

const toolsFile = (exportName: string, toolName: string) =>
  `import { tool, toolset } from "llm-do";\nimport { z } from "zod";\nexport const ${exportName} = toolset({\n  ${toolName}: tool({ description: "A tool.", inputSchema: z.object({}), execute: () => "ok" }),\n});\n`;

describe("name conflicts name both sources", () => {
  test("two toolsets exported under the same name", async () => {
    await using project = await tempProject({
      "a.ts": toolsFile("helpers", "one"),
      "b.ts": toolsFile("helpers", "two"),
    });
    await expect(loadProject({ files: ["a.ts", "b.ts"], cwd: project.dir })).rejects.toThrow(
      "Duplicate toolset name 'helpers': exported by a.ts and b.ts",
    );
  });

  test("two workers with the same name", async () => {
    await using project = await tempProject({
      "one.worker": "---\nname: main\n---\nOne.\n",
      "two.worker": "---\nname: main\n---\nTwo.\n",
    });
    const error = await loadProject({
      files: ["one.worker", "two.worker"].map(project.path),
      cwd: project.dir,
    }).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(
      `Duplicate worker name 'main': defined in ${project.path("one.worker")} and ${project.path("two.worker")}`,
    );
  });

  test("a worker named like a tool", async () => {
    await using project = await tempProject({
      "tools.ts": toolsFile("helpers", "summarize"),
      "summarize.worker": "---\nname: summarize\n---\nSummarize.\n",
    });
    await expect(loadProject({ files: ["tools.ts", "summarize.worker"], cwd: project.dir })).rejects.toThrow(
      /^Name conflict: worker 'summarize' \(.*summarize\.worker\) and tool 'summarize' in toolset 'helpers' \(tools\.ts\)$/,
    );
  });

  test("a worker named like a toolset, or like a built-in", async () => {
    await using project = await tempProject({
      "tools.ts": toolsFile("helpers", "one"),
      "helpers.worker": "---\nname: helpers\n---\nHelp.\n",
      "shell.worker": "---\nname: shell\n---\nShell.\n",
    });
    await expect(loadProject({ files: ["tools.ts", "helpers.worker"], cwd: project.dir })).rejects.toThrow(
      /^Name conflict: worker 'helpers' \(.*helpers\.worker\) and toolset 'helpers' exported by tools\.ts$/,
    );
    await expect(
      loadProject({ files: ["shell.worker"].map(project.path), cwd: project.dir }),
    ).rejects.toThrow(/^Worker 'shell' \(.*shell\.worker\) has the name of a built-in toolset: rename it$/);
  });

  test("two tools of the same name visible to one worker", async () => {
    await using project = await tempProject({
      "tools.ts": toolsFile("my_files", "read_file"),
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  filesystem: {}\n  my_files: {}\n---\nRead.\n",
    });
    const model = scriptedModel([text("never")]);
    const { error } = await collectRun({
      files: ["tools.ts", "main.worker"].map(project.path),
      input: "x",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(error?.message).toBe(
      "main.worker:6:3: tool 'read_file' from toolset 'my_files' (tools.ts) conflicts with tool 'read_file' from built-in 'filesystem'",
    );
    expect(model.calls).toHaveLength(0);
  });

  test("a name two toolsets share is ambiguous only when code calls it by name", async () => {
    await using project = await tempProject({
      "a.ts": toolsFile("first", "shared"),
      "b.ts": toolsFile("second", "shared"),
    });
    const { error } = await collectRun({
      files: ["a.ts", "b.ts"].map(project.path),
      entry: "shared",
      input: {},
      cwd: project.dir,
    });
    expect(error?.message).toMatch(
      /^Ambiguous tool name 'shared': it is in toolsets 'first' \(.*a\.ts\) and 'second' \(.*b\.ts\)$/,
    );
  });

  test("an unknown entry lists every available name", async () => {
    await using project = await tempProject({
      "tools.ts": toolsFile("helpers", "summarize"),
      "main.worker": "---\nname: main\nmodel: builtin:echo\n---\nHi.\n",
    });
    const { error } = await collectRun({
      files: ["tools.ts", "main.worker"].map(project.path),
      entry: "mian",
      input: "x",
      cwd: project.dir,
    });
    expect(error?.message).toBe("Entry 'mian' not found (did you mean 'main'?) (available: main, summarize)");
    expect(error?.code).toBe("NOT_FOUND");
  });
});
