import { describe, expect, test } from "vitest";
import { z } from "zod";
import { WorkerFileError } from "../errors.js";
import { type ExportedToolset, Registry } from "../registry/registry.js";
import { tool, toolset } from "../tools/tool.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { prepareWorkerTools } from "./prepare-worker-tools.js";

// The name-conflict rules for what one worker sees; the registry's own rules are in registry.test.ts.

const exported = (name: string, ...toolNames: string[]): ExportedToolset => ({
  name,
  file: `${process.cwd()}/${name}.ts`,
  toolset: toolset(
    Object.fromEntries(
      toolNames.map((toolName) => [
        toolName,
        tool({ description: toolName, inputSchema: z.object({}), execute: () => toolName }),
      ]),
    ),
  ),
});

const worker = (name: string, toolsets: string[]) =>
  parseWorkerFile(
    `---\nname: ${name}\ntoolsets:\n${toolsets.map((entry) => `  ${entry}: {}\n`).join("")}---\nDo it.\n`,
    `${name}.worker`,
  );

function prepare(
  main: ReturnType<typeof worker>,
  others: ReturnType<typeof worker>[],
  toolsets: ExportedToolset[],
) {
  const registry = new Registry({ workers: [main, ...others], toolsets, builtins: {}, otherExports: [] });
  return prepareWorkerTools(main, {
    registry,
    workerInputSchema: () => z.object({ input: z.string() }),
    cwd: process.cwd(),
    env: {},
    created: [],
  });
}

describe("prepareWorkerTools: names one worker sees", () => {
  test("two toolsets with a tool of the same name conflict, at the second toolset's key", async () => {
    const main = worker("main", ["first", "second"]);
    const error = await prepare(
      main,
      [],
      [exported("first", "shared", "one"), exported("second", "shared")],
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerFileError);
    expect((error as Error).message).toBe(
      "main.worker:5:3: tool 'shared' from toolset 'second' (second.ts) conflicts with tool 'shared' from toolset 'first' (first.ts)",
    );
  });

  test("the same names in toolsets a worker does not reference are no conflict", async () => {
    const main = worker("main", ["first", "helper"]);
    const bindings = await prepare(
      main,
      [worker("helper", [])],
      [exported("first", "shared", "one"), exported("second", "shared")],
    );
    expect([...bindings.keys()]).toEqual(["shared", "one", "helper"]);
    expect(bindings.get("helper")).toMatchObject({
      kind: "worker",
      source: "worker 'helper' (helper.worker)",
    });
    expect(bindings.get("shared")).toMatchObject({ kind: "tool", source: "toolset 'first' (first.ts)" });
  });

  test("an unknown toolset name suggests a near one and lists what exists", async () => {
    const main = worker("main", ["frist"]);
    await expect(prepare(main, [], [exported("first", "one")])).rejects.toThrow(
      "main.worker:4:3: unknown toolset 'frist' (did you mean 'first'?) (available: first, main; an MCP server needs 'mcp:' config)",
    );
  });

  test("an unknown name in a list of toolsets is reported at its item", async () => {
    const main = parseWorkerFile(
      "---\nname: main\ntoolsets:\n  - first\n  - frist\n---\nDo it.\n",
      "main.worker",
    );
    await expect(prepare(main, [], [exported("first", "one")])).rejects.toThrow(
      "main.worker:5:5: unknown toolset 'frist' (did you mean 'first'?)",
    );
    const listed = parseWorkerFile(
      "---\nname: main\ntoolsets: [first, helper]\n---\nDo it.\n",
      "main.worker",
    );
    const bindings = await prepare(listed, [worker("helper", [])], [exported("first", "one")]);
    expect([...bindings.keys()]).toEqual(["one", "helper"]);
  });
});
