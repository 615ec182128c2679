import { mkdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadProject, WorkerFileError } from "../../src/index.js";
import { tempProject } from "../../src/testing/index.js";

describe("a schema_in / schema_out file that cannot be loaded points at the worker's field", () => {
  test.each([
    {
      name: "a missing file",
      files: {} as Record<string, string>,
      message: "main.worker:3:1: schema_in: Tool file not found: schemas.ts",
    },
    {
      name: "a file that throws",
      files: { "schemas.ts": 'throw new Error("no schemas today");\n' },
      message: "main.worker:3:1: schema_in: schemas.ts: failed to load: no schemas today",
    },
  ])("$name", async ({ files, message }) => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nschema_in: ./schemas.ts#Input\n---\nGo.\n",
      ...files,
    });
    const error = await loadProject({ files: ["main.worker"], cwd: project.dir }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WorkerFileError);
    expect((error as Error).message).toBe(message);
  });

  test("a folder", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: builtin:echo\nschema_out: ./schemas.ts#Output\n---\nGo.\n",
    });
    mkdirSync(project.path("schemas.ts"));
    await expect(loadProject({ files: ["main.worker"], cwd: project.dir })).rejects.toThrow(
      "main.worker:4:1: schema_out: schemas.ts: is a directory, not a regular file",
    );
  });
});
