import path from "node:path";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { ConfigError, NotFoundError } from "../errors.js";
import { tool, toolset } from "../tools/tool.js";
import type { ToolsetFactory } from "../toolsets/toolset-factory.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import { type ExportedToolset, Registry, type RegistrySources } from "./registry.js";

const worker = (name: string, file = `${name}.worker`) =>
  parseWorkerFile(`---\nname: ${name}\n---\nDo it.\n`, file);

const exported = (name: string, file: string, ...toolNames: string[]): ExportedToolset => ({
  name,
  file,
  toolset: toolset(
    Object.fromEntries(
      toolNames.map((toolName) => [
        toolName,
        tool({ description: toolName, inputSchema: z.object({}), execute: () => toolName }),
      ]),
    ),
  ),
});

const builtin = (name: string): ToolsetFactory => ({
  kind: "toolset-factory",
  name,
  configSchema: z.object({}),
  create: () => toolset({}),
});

const builtins = {
  filesystem: async () => builtin("filesystem"),
  shell: async () => builtin("shell"),
};

function build(sources: Partial<RegistrySources>): Registry {
  return new Registry({ workers: [], toolsets: [], builtins, otherExports: [], ...sources });
}

function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected an error");
}

describe("Registry: name conflicts are configuration errors naming both sources", () => {
  test("two workers with the same name", () => {
    const error = errorOf(() =>
      build({ workers: [worker("main", "one.worker"), worker("main", "two.worker")] }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      `Duplicate worker name 'main': defined in ${path.resolve("one.worker")} and ${path.resolve("two.worker")}`,
    );
  });

  test("two toolsets exported under the same name", () => {
    const error = errorOf(() =>
      build({ toolsets: [exported("helpers", "a.ts", "one"), exported("helpers", "b.ts", "two")] }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe("Duplicate toolset name 'helpers': exported by a.ts and b.ts");
  });

  test("a toolset exported under a built-in's name", () => {
    expect(errorOf(() => build({ toolsets: [exported("shell", "tools.ts", "run")] })).message).toBe(
      "Toolset 'shell' exported by tools.ts has the name of a built-in toolset: rename the export",
    );
  });

  test("a worker named like an exported toolset", () => {
    expect(
      errorOf(() =>
        build({ workers: [worker("helpers")], toolsets: [exported("helpers", "tools.ts", "one")] }),
      ).message,
    ).toBe(
      `Name conflict: worker 'helpers' (${path.resolve("helpers.worker")}) and toolset 'helpers' exported by tools.ts`,
    );
  });

  test("a worker named like a tool of an exported toolset", () => {
    expect(
      errorOf(() =>
        build({
          workers: [worker("summarize")],
          toolsets: [exported("helpers", "tools.ts", "one", "summarize")],
        }),
      ).message,
    ).toBe(
      `Name conflict: worker 'summarize' (${path.resolve("summarize.worker")}) and tool 'summarize' in toolset 'helpers' (tools.ts)`,
    );
  });

  test("a worker named like a built-in toolset", () => {
    expect(errorOf(() => build({ workers: [worker("filesystem")] })).message).toBe(
      `Worker 'filesystem' (${path.resolve("filesystem.worker")}) has the name of a built-in toolset: rename it`,
    );
  });

  test("workers are checked against every toolset, whatever order the files came in", () => {
    // The worker is registered before the tool file that clashes with it is read.
    expect(() =>
      build({ workers: [worker("summarize")], toolsets: [exported("late", "late.ts", "summarize")] }),
    ).toThrow(/^Name conflict: worker 'summarize'/);
  });

  test("distinct names register without complaint", () => {
    const registry = build({
      workers: [worker("main"), worker("analyzer")],
      toolsets: [exported("helpers", "a.ts", "summarize"), exported("extra", "b.ts", "count")],
    });
    expect([...registry.workers.keys()]).toEqual(["main", "analyzer"]);
    expect([...registry.toolsets.keys()]).toEqual(["helpers", "extra"]);
    expect([...registry.builtins.keys()]).toEqual(["filesystem", "shell"]);
  });
});

describe("Registry: finding a tool by name", () => {
  const registry = build({
    workers: [worker("main")],
    toolsets: [exported("first", "a.ts", "shared", "one"), exported("second", "b.ts", "shared", "two")],
  });

  test("a tool that one toolset has is found with its toolset", () => {
    const found = registry.findCodeTool("one");
    expect(found?.name).toBe("one");
    expect(found?.toolset.name).toBe("first");
    expect(found?.tool).toBe(registry.toolsets.get("first")?.toolset.tools.one);
  });

  test("a name two toolsets share is allowed, but ambiguous when called by name", () => {
    const error = errorOf(() => registry.findCodeTool("shared"));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "Ambiguous tool name 'shared': it is in toolsets 'first' (a.ts) and 'second' (b.ts)",
    );
  });

  test("unknown names, toolset names and inherited property names are not tools", () => {
    for (const name of ["nope", "first", "main", "constructor", "__proto__", "toString"]) {
      expect(registry.findCodeTool(name)).toBeUndefined();
    }
  });

  test("callableNames lists workers and tools once each, sorted (not toolsets or built-ins)", () => {
    expect(registry.callableNames()).toEqual(["main", "one", "shared", "two"]);
  });

  test("notFound names what is missing, suggests a near name, and lists what exists", () => {
    const error = errorOf(() => registry.notFound("Entry", "mian"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      "Entry 'mian' not found (did you mean 'main'?) (available: main, one, shared, two)",
    );
    expect(errorOf(() => registry.notFound("Tool or worker", "zzzzzz")).message).toBe(
      "Tool or worker 'zzzzzz' not found (available: main, one, shared, two)",
    );
  });

  test("notFound in an empty registry says there is nothing", () => {
    expect(errorOf(() => build({}).notFound("Entry", "main")).message).toBe(
      "Entry 'main' not found (available: none)",
    );
  });
});
