import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, WorkerFileError } from "../errors.js";
import { tempProject } from "../testing/index.js";
import { parseWorkerFile, readWorkerFile } from "./parse-worker-file.js";
import { parseSetOverride } from "./set-override.js";

const fixtures = path.resolve(import.meta.dirname, "../../test/fixtures/workers");

function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error("expected an error");
}

describe("parseWorkerFile: layout", () => {
  it("parses a minimal file", () => {
    const worker = parseWorkerFile("---\nname: greeter\n---\nSay hello.\n", "greeter.worker");
    expect(worker).toMatchObject({
      name: "greeter",
      description: "Say hello.",
      instructions: "Say hello.",
      toolsets: [],
      serverSideTools: [],
      modelSettings: {},
      file: path.resolve("greeter.worker"),
    });
    expect(worker.model).toBeUndefined();
    expect(worker.compatibleModels).toBeUndefined();
    expect(worker.schemaIn).toBeUndefined();
    expect(worker.schemaOut).toBeUndefined();
    expect(worker.budget).toBeUndefined();
  });

  it("trims the body and keeps its inner lines, including later '---' lines", () => {
    const worker = parseWorkerFile("---\nname: a\n---\n\n  First line.\n---\nSecond line.\n\n", "a.worker");
    expect(worker.instructions).toBe("First line.\n---\nSecond line.");
  });

  it("accepts CRLF line ends", () => {
    const text =
      "---\r\nname: crlf\r\nmodel: openai:gpt-4o\r\ntoolsets:\r\n  shell:\r\n---\r\nLine one.\r\nLine two.\r\n";
    const worker = parseWorkerFile(text, "crlf.worker");
    expect(worker.name).toBe("crlf");
    expect(worker.model).toBe("openai:gpt-4o");
    expect(worker.toolsets).toEqual([
      { name: "shell", config: {}, approvalConfig: {}, position: { line: 5, column: 3 } },
    ]);
    expect(worker.instructions).toBe("Line one.\nLine two.");
  });

  it("reports CRLF errors at the right line and column", () => {
    const error = errorOf(() => parseWorkerFile("---\r\nname: a\r\nmodle: x\r\n---\r\n", "crlf.worker"));
    expect(error.message).toBe("crlf.worker:3:1: unknown field 'modle' (did you mean 'model'?)");
  });

  it("ignores a UTF-8 byte-order mark", () => {
    const worker = parseWorkerFile("\uFEFF---\nname: bom\n---\nHi\n", "bom.worker");
    expect(worker.name).toBe("bom");
    expect(worker.instructions).toBe("Hi");
  });

  it("allows trailing whitespace on the delimiter lines and no newline after the closing one", () => {
    expect(parseWorkerFile("--- \t\nname: a\n---  ", "a.worker").name).toBe("a");
  });

  it("allows an empty body, and then describes the worker by name", () => {
    const worker = parseWorkerFile("---\nname: quiet\n---\n", "quiet.worker");
    expect(worker.instructions).toBe("");
    expect(worker.description).toBe("Worker quiet");
  });

  it("treats an empty front matter as a mapping without fields", () => {
    const error = errorOf(() => parseWorkerFile("---\n---\nBody\n", "empty.worker"));
    expect(error.message).toBe("empty.worker:2:1: missing required field 'name'");
  });

  it("throws WorkerFileError with the file, line and column as fields", () => {
    const error = errorOf(() => parseWorkerFile("---\nname: a\nmodel: gpt\n---\n", "dir/a.worker"));
    expect(error).toBeInstanceOf(WorkerFileError);
    expect(error).toMatchObject({
      file: "dir/a.worker",
      line: 3,
      column: 1,
      detail: "invalid model 'gpt': expected 'provider:model-id'",
    });
  });
});

describe("parseWorkerFile: description", () => {
  it("uses the description when given", () => {
    const worker = parseWorkerFile(
      "---\nname: a\ndescription: Does things.\n---\nLong instructions.\n",
      "a.worker",
    );
    expect(worker.description).toBe("Does things.");
  });

  it("falls back to the instructions when they fit in 200 characters", () => {
    const body = "x".repeat(200);
    expect(parseWorkerFile(`---\nname: a\n---\n${body}\n`, "a.worker").description).toBe(body);
  });

  it("cuts longer instructions at 200 characters and adds '...'", () => {
    const body = `${"a".repeat(150)} ${"b".repeat(100)}`;
    const worker = parseWorkerFile(`---\nname: a\ndescription: ''\n---\n${body}\n`, "a.worker");
    expect(worker.description).toBe(`${"a".repeat(150)} ${"b".repeat(49)}...`);
  });
});

describe("parseWorkerFile: fields", () => {
  it("parses every field of a full worker file", async () => {
    const file = path.join(fixtures, "full.worker");
    const worker = await readWorkerFile(file);
    expect(worker).toMatchObject({
      name: "full_worker",
      description: "Reviews a pull request.",
      instructions: "Review the pull request.\n\nBe brief.",
      model: "anthropic:claude-haiku-4-5",
      file,
      toolsets: [
        { name: "filesystem", config: {}, approvalConfig: {}, position: { line: 6, column: 3 } },
        {
          name: "shell",
          config: {
            default: { approval_required: true },
            rules: [{ pattern: "git status", approval_required: false }],
          },
          approvalConfig: { run_command: { pre_approved: true } },
          position: { line: 7, column: 3 },
        },
        { name: "analyzer", config: {}, approvalConfig: {}, position: { line: 16, column: 3 } },
      ],
      serverSideTools: [
        {
          tool_type: "web_search",
          max_uses: 3,
          allowed_domains: ["example.com"],
          blocked_domains: ["spam.example"],
        },
        { tool_type: "web_fetch", max_uses: 2 },
        { tool_type: "code_execution" },
      ],
      schemaIn: {
        type: "reference",
        file: path.join(fixtures, "schemas/review.ts"),
        exportName: "ReviewInput",
      },
      schemaOut: {
        type: "json-schema",
        schema: { type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"] },
      },
      budget: { max_cost: 0.5, max_tokens: 100000, max_calls: 20 },
    });
    expect(worker.modelSettings).toEqual({
      temperature: 0.2,
      maxOutputTokens: 4096,
      topP: 0.9,
      topK: 40,
      presencePenalty: 0.1,
      frequencyPenalty: -0.5,
      stopSequences: ["END"],
      seed: 7,
      providerOptions: { anthropic: { thinking: { type: "enabled", budget_tokens: 1024 } } },
    });
  });

  it("accepts compatible_models without model", () => {
    const worker = parseWorkerFile(
      "---\nname: a\ncompatible_models: ['anthropic:*', '*']\n---\n",
      "a.worker",
    );
    expect(worker.compatibleModels).toEqual(["anthropic:*", "*"]);
    expect(worker.model).toBeUndefined();
  });

  it("accepts names with digits, '_' and '-'", () => {
    expect(parseWorkerFile("---\nname: _my-worker_2\n---\n", "a.worker").name).toBe("_my-worker_2");
  });

  it("treats null optional fields as absent", () => {
    const text =
      "---\nname: a\ndescription:\nmodel:\ntoolsets:\nserver_side_tools:\nschema_in:\nmodel_settings:\nbudget:\n---\nBody\n";
    const worker = parseWorkerFile(text, "a.worker");
    expect(worker).toMatchObject({
      description: "Body",
      toolsets: [],
      serverSideTools: [],
      modelSettings: {},
    });
    expect(worker.model).toBeUndefined();
    expect(worker.schemaIn).toBeUndefined();
    expect(worker.budget).toBeUndefined();
  });

  it("splits _approval_config off the toolset config", () => {
    const text = [
      "---",
      "name: a",
      "toolsets:",
      "  shell:",
      "    default: {approval_required: false}",
      "    _approval_config:",
      "      run_command: {approval_required: true}",
      "  reviewer:",
      "    _approval_config:",
      "      reviewer: {pre_approved: true}",
      "---",
    ].join("\n");
    const [shell, reviewer] = parseWorkerFile(text, "a.worker").toolsets;
    expect(shell).toEqual({
      name: "shell",
      config: { default: { approval_required: false } },
      approvalConfig: { run_command: { approval_required: true } },
      position: { line: 4, column: 3 },
    });
    expect(reviewer).toEqual({
      name: "reviewer",
      config: {},
      approvalConfig: { reviewer: { pre_approved: true } },
      position: { line: 8, column: 3 },
    });
  });

  it("reads toolsets written as a list of names, each at its item's position", () => {
    const text = "---\nname: a\ntoolsets:\n  - filesystem\n  - reviewer\n---\n";
    const worker = parseWorkerFile(text, "a.worker");
    expect(worker.toolsets).toEqual([
      { name: "filesystem", config: {}, approvalConfig: {}, position: { line: 4, column: 5 } },
      { name: "reviewer", config: {}, approvalConfig: {}, position: { line: 5, column: 5 } },
    ]);
    expect(worker.locate(["toolsets", "reviewer", "rules"])).toEqual({ line: 5, column: 5 });
    expect(
      parseWorkerFile("---\nname: a\ntoolsets: [shell, filesystem]\n---\n", "a.worker").toolsets,
    ).toEqual([
      { name: "shell", config: {}, approvalConfig: {}, position: { line: 3, column: 12 } },
      { name: "filesystem", config: {}, approvalConfig: {}, position: { line: 3, column: 19 } },
    ]);
  });

  it("refuses a list item that is not a name, at the item", () => {
    const error = errorOf(() =>
      parseWorkerFile("---\nname: a\ntoolsets:\n  - shell\n  - 3\n---\n", "a.worker"),
    );
    expect(error.message).toBe(
      "a.worker:5:5: toolsets[1] must be a toolset name (got 3); to configure a toolset, write toolsets as a mapping (name: config)",
    );
  });

  it("resolves a schema reference against the worker file's directory", () => {
    const worker = parseWorkerFile(
      "---\nname: a\nschema_in: ../lib/schemas.ts#Input\n---\n",
      "project/workers/a.worker",
    );
    expect(worker.schemaIn).toEqual({
      type: "reference",
      file: path.resolve("project/lib/schemas.ts"),
      exportName: "Input",
    });
  });

  it("accepts an inline JSON Schema with only properties", () => {
    const worker = parseWorkerFile(
      "---\nname: a\nschema_in:\n  properties: {topic: {type: string}}\n---\n",
      "a.worker",
    );
    expect(worker.schemaIn).toEqual({
      type: "json-schema",
      schema: { properties: { topic: { type: "string" } } },
    });
  });
});

describe("WorkerDefinition.locate", () => {
  const text = [
    "---",
    "name: a",
    "toolsets:",
    "  shell:",
    "    rules:",
    "      - pattern: ls",
    "      - pattern: git",
    "        approval_required: false",
    "---",
  ].join("\n");
  const worker = parseWorkerFile(text, "a.worker");

  it("finds keys and sequence items", () => {
    expect(worker.locate(["name"])).toEqual({ line: 2, column: 1 });
    expect(worker.locate(["toolsets", "shell"])).toEqual({ line: 4, column: 3 });
    expect(worker.locate(["toolsets", "shell", "rules", 1])).toEqual({ line: 7, column: 9 });
    expect(worker.locate(["toolsets", "shell", "rules", 1, "approval_required"])).toEqual({
      line: 8,
      column: 9,
    });
    expect(worker.locate(["toolsets", "shell", "rules", 0, "pattern"])).toEqual({ line: 6, column: 9 });
  });

  it("falls back to the nearest existing ancestor", () => {
    expect(worker.locate(["toolsets", "shell", "rules", 5, "pattern"])).toEqual({ line: 5, column: 5 });
    expect(worker.locate(["toolsets", "shell", "default"])).toEqual({ line: 4, column: 3 });
    expect(worker.locate(["toolsets", "shell", "rules", "first"])).toEqual({ line: 5, column: 5 });
  });

  it("falls back to the front matter start", () => {
    expect(worker.locate(["budget"])).toEqual({ line: 2, column: 1 });
    expect(worker.locate([])).toEqual({ line: 2, column: 1 });
  });
});

describe("parseWorkerFile: --set overrides", () => {
  const text = "---\nname: a\nmodel: openai:gpt-4o\ntoolsets:\n  shell: {}\n---\nBody\n";

  it("applies overrides to the raw front matter before validation", () => {
    const overrides = [
      parseSetOverride("model=anthropic:claude-haiku-4-5"),
      parseSetOverride("toolsets.shell.default.approval_required=false"),
      parseSetOverride("model_settings.temperature=0.5"),
      parseSetOverride('server_side_tools=[{"tool_type":"web_search"}]'),
    ];
    const worker = parseWorkerFile(text, "a.worker", { overrides });
    expect(worker.model).toBe("anthropic:claude-haiku-4-5");
    expect(worker.toolsets[0]?.config).toEqual({ default: { approval_required: false } });
    expect(worker.modelSettings).toEqual({ temperature: 0.5 });
    expect(worker.serverSideTools).toEqual([{ tool_type: "web_search" }]);
  });

  it("points at the original key and names the override", () => {
    const error = errorOf(() =>
      parseWorkerFile(text, "a.worker", { overrides: [parseSetOverride("model=gpt")] }),
    );
    expect(error.message).toBe(
      "a.worker:3:1: invalid model 'gpt': expected 'provider:model-id' (set by --set model)",
    );
  });

  it("points at the nearest existing key when the override adds one", () => {
    const overrides = [parseSetOverride("toolsets.shell._approval_config.run_command.pre_approved=maybe")];
    const error = errorOf(() => parseWorkerFile(text, "a.worker", { overrides }));
    expect(error.message).toBe(
      "a.worker:5:3: field 'pre_approved' must be true or false (got \"maybe\") (set by --set toolsets.shell._approval_config.run_command.pre_approved)",
    );
  });

  it("points at the front matter start for a new top-level key", () => {
    const error = errorOf(() =>
      parseWorkerFile(text, "a.worker", { overrides: [parseSetOverride("model_settings.temperature=hot")] }),
    );
    expect(error.message).toBe(
      "a.worker:2:1: field 'temperature' must be a number between 0 and 2 (got \"hot\") (set by --set model_settings.temperature)",
    );
  });

  it("names the override for unknown fields it adds", () => {
    const error = errorOf(() =>
      parseWorkerFile(text, "a.worker", { overrides: [parseSetOverride("modle=x:y")] }),
    );
    expect(error.message).toBe(
      "a.worker:2:1: unknown field 'modle' (did you mean 'model'?) (set by --set modle)",
    );
  });

  it("names a model override that clashes with compatible_models", () => {
    const source = "---\nname: a\ncompatible_models: ['*']\n---\n";
    const error = errorOf(() =>
      parseWorkerFile(source, "a.worker", { overrides: [parseSetOverride("model=a:b")] }),
    );
    expect(error.message).toBe(
      "a.worker:3:1: a worker may not set both 'model' and 'compatible_models': use 'model' for a fixed model, or 'compatible_models' to accept the caller's model (set by --set model)",
    );
  });

  it("reports an override that cannot be applied as a ConfigError", () => {
    const error = errorOf(() =>
      parseWorkerFile(text, "a.worker", { overrides: [parseSetOverride("model.id=x")] }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "Invalid --set override 'model.id=x': Cannot navigate through non-mapping field 'model' in path 'model.id' (it is a string)",
    );
  });
});

describe("readWorkerFile", () => {
  it("reports a missing file as a ConfigError", async () => {
    const missing = path.join(fixtures, "does-not-exist.worker");
    await expect(readWorkerFile(missing)).rejects.toThrow(
      new ConfigError(`Worker file not found: ${missing}`),
    );
    await expect(readWorkerFile(missing)).rejects.toBeInstanceOf(ConfigError);
  });

  it("keeps the path as given in messages", async () => {
    const relative = path.relative(process.cwd(), path.join(fixtures, "model-without-provider.worker"));
    await expect(readWorkerFile(relative)).rejects.toThrow(
      `${relative}:3:1: invalid model 'gpt-4o': expected 'provider:model-id'`,
    );
  });

  it("applies overrides", async () => {
    const overrides = [parseSetOverride("model=openai:gpt-4o")];
    const worker = await readWorkerFile(path.join(fixtures, "full.worker"), { overrides });
    expect(worker.model).toBe("openai:gpt-4o");
  });
  it.each([
    ["a directory", (dir: string) => mkdirSync(path.join(dir, "x.worker")), "a directory"],
    [
      "a FIFO nobody writes to (it is not waited on)",
      (dir: string) => execFileSync("mkfifo", [path.join(dir, "x.worker")]),
      "a FIFO (named pipe)",
    ],
    [
      "a link to a device",
      (dir: string) => symlinkSync("/dev/zero", path.join(dir, "x.worker")),
      "a character device",
    ],
  ])("refuses %s", async (_name, make, kind) => {
    await using project = await tempProject({});
    make(project.dir);
    await expect(readWorkerFile(project.path("x.worker"))).rejects.toThrow(
      new ConfigError(`${project.path("x.worker")}: is ${kind}, not a regular file`),
    );
  });

  it("reads a link to a regular file", async () => {
    await using project = await tempProject({ "real.worker": "---\nname: real\n---\nHi.\n" });
    symlinkSync(project.path("real.worker"), project.path("link.worker"));
    expect((await readWorkerFile(project.path("link.worker"))).name).toBe("real");
  });
});

describe("parseWorkerFile: nesting", () => {
  it("front matter nested thousands deep is an error, not a stack overflow", () => {
    for (const text of [
      `---\nname: a\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n---\n`,
      `---\nname: a\n${Array.from({ length: 3000 }, (_, depth) => `${"  ".repeat(depth)}k${depth}:`).join("\n")}\n---\n`,
    ]) {
      const error = errorOf(() => parseWorkerFile(text, "a.worker"));
      expect(error).toBeInstanceOf(WorkerFileError);
      expect(error.message).toMatch(
        /^a\.worker:\d+:\d+: front matter is nested too deeply \(llm-do reads at most 100 levels\)$/,
      );
    }
  });

  it("100 levels are read", () => {
    const text = `---\nname: a\ndescription: ${"[".repeat(99)}${"]".repeat(99)}\n---\n`;
    expect(errorOf(() => parseWorkerFile(text, "a.worker")).message).toMatch(
      /field 'description' must be a string/,
    );
  });
});
