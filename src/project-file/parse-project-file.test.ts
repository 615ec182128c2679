import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempProject } from "../testing/temp-project.js";
import { findProjectFile } from "./find-project-file.js";
import { parseProjectFile } from "./parse-project-file.js";

describe("parseProjectFile", () => {
  it("reads every field, with paths relative to the project file", async () => {
    await using project = await tempProject({ "main.worker": "", "lib/tools.ts": "" });
    const text = [
      "entry: main",
      "files: [main.worker, lib/tools.ts]",
      "model: anthropic:claude-haiku-4-5",
      "approval: approve_all",
      "max_depth: 10",
      "input: { url: https://example.com }",
      "created_workers: generated",
      "rate_limits: { anthropic: { requests: 20, period: 1 }, 'openai:gpt-5': off }",
    ].join("\n");
    expect(parseProjectFile(text, project.path("llm-do.yaml"))).toEqual({
      file: project.path("llm-do.yaml"),
      dir: project.dir,
      entry: "main",
      files: [project.path("main.worker"), project.path("lib/tools.ts")],
      model: "anthropic:claude-haiku-4-5",
      approval: "approve_all",
      maxDepth: 10,
      input: { url: "https://example.com" },
      createdWorkers: project.path("generated"),
      rateLimits: { anthropic: { requests: 20, period: 1 }, "openai:gpt-5": { off: true } },
    });
  });

  it("needs only files: the entry is main and approvals are asked", async () => {
    await using project = await tempProject({ "main.worker": "" });
    expect(parseProjectFile("files: [main.worker]\n", project.path("llm-do.yaml"))).toEqual({
      file: project.path("llm-do.yaml"),
      dir: project.dir,
      entry: "main",
      files: [project.path("main.worker")],
      approval: "ask",
    });
  });

  it.each([
    ["files: [main.worker]\nmodle: x\n", "llm-do.yaml:2:1: unknown field 'modle' (did you mean 'model'?)"],
    [
      "entry: main\n",
      "llm-do.yaml:1:1: missing required field 'files': list the project's .worker and tool files",
    ],
    ["files: []\n", "llm-do.yaml:1:1: field 'files' is empty: list the project's .worker and tool files"],
    [
      "files: main.worker\n",
      "llm-do.yaml:1:1: field 'files' must be a list of .worker and tool files (got \"main.worker\")",
    ],
    ["files:\n  - main.worker\n  - 3\n", "llm-do.yaml:3:5: files[1] must be a file name (got 3)"],
    [
      "files:\n  - main.worker\n  - mian.worker\n",
      "llm-do.yaml:3:5: file not found: mian.worker (paths are relative to llm-do.yaml)",
    ],
    [
      "files: [main.worker, notes.md]\n",
      "llm-do.yaml:1:22: 'notes.md' is not a .worker or tool file (.ts, .mts, .js, .mjs)",
    ],
    [
      "files: [main.worker]\napproval: yes-please\n",
      "llm-do.yaml:2:1: field 'approval' must be ask, approve_all, reject_all (got \"yes-please\")",
    ],
    [
      "files: [main.worker]\nmax_depth: 0\n",
      "llm-do.yaml:2:1: field 'max_depth' must be a positive integer (got 0)",
    ],
    [
      "files: [main.worker]\nmodel: haiku\n",
      "llm-do.yaml:2:1: invalid model 'haiku': expected 'provider:model-id'",
    ],
    [
      "files: [main.worker]\ninput: [a, b]\n",
      "llm-do.yaml:2:1: field 'input' must be a prompt or a mapping (an object input) (got a list)",
    ],
    [
      "files: [main.worker]\nrate_limits:\n  antropic: { requests: 5 }\n",
      "llm-do.yaml:3:3: rate_limits: 'antropic' is not a provider or provider:model that can be limited (providers: anthropic, openai, openai-chat, google, openrouter)",
    ],
    [
      "files: [main.worker]\nrate_limits:\n  anthropic:\n    requests: 0\n",
      "llm-do.yaml:4:5: rate_limits: requests must be a positive integer (got 0)",
    ],
    [
      "files: [main.worker]\nrate_limits:\n  anthropic: { rpm: 5 }\n",
      "llm-do.yaml:3:16: unknown field 'rpm' in rate_limits (valid fields: requests, period, concurrency)",
    ],
    [
      "files: [main.worker]\nrate_limits:\n  anthropic: { period: 10 }\n",
      "llm-do.yaml:3:3: rate_limits: give requests (per period) or concurrency, or 'off'",
    ],
    ["files: [main.worker\n", expect.stringMatching(/^llm-do\.yaml:2:1: /)],
    ["- main.worker\n", "llm-do.yaml:1:1: expected a YAML mapping of fields (entry, files, model, ...)"],
  ])("%j -> %s", async (text, message) => {
    await using project = await tempProject({ "main.worker": "" });
    const file = path.relative(process.cwd(), project.path("llm-do.yaml"));
    const error = (() => {
      try {
        parseProjectFile(text, file);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("no error");
    })();
    expect(error.message.replace(file, "llm-do.yaml")).toEqual(message);
    expect(error).toMatchObject({ code: "WORKER_FILE_INVALID" });
  });
});

describe("findProjectFile", () => {
  it("finds llm-do.yaml in the working directory, or the nearest folder above", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: []\n",
      "a/b/.keep": "",
      "a/llm-do.yaml/.keep": "",
    });
    expect(findProjectFile(project.dir)).toBe(project.path("llm-do.yaml"));
    expect(findProjectFile(project.path("a/b"))).toBe(project.path("llm-do.yaml"));
  });

  it("finds nothing where there is none", async () => {
    await using project = await tempProject({ "a/.keep": "" });
    const found = findProjectFile(project.path("a"));
    expect(found === undefined || !found.startsWith(project.dir)).toBe(true);
  });
});
