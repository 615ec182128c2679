/**
 * The `dynamic_workers` toolset through a real run: a model creates a worker (after approval,
 * shown the whole file), the file is written to the run's folder and loaded like any worker
 * file, and calling it obeys the depth limit, budgets and approvals. Then the attacks: toolsets
 * the creator lacks, taken names, malformed front matter, path tricks, runaway recursion.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ApprovalRequest, RunOptions } from "../../src/index.js";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";

const MAIN = (toolsets: string) =>
  `---\nname: main\nmodel: test:main\ntoolsets: ${toolsets}\n---\nDelegate.\n`;

const SUMMARIZER = {
  name: "summarizer",
  description: "Summarizes one file.",
  instructions: "Read the file you are given and summarize it in one line.",
  toolsets: ["filesystem_cwd_read_only"],
  model: "test:helper",
};

/** The files every created worker of `project` was written to (under the default folder). */
function createdFiles(dir: string): string[] {
  const base = path.join(dir, ".llm-do", "created-workers");
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((run) =>
    readdirSync(path.join(base, run)).map((file) => path.join(base, run, file)),
  );
}

async function runMain(dir: string, options: Partial<RunOptions> & Pick<RunOptions, "models">) {
  const asked: ApprovalRequest[] = [];
  const outcome = await collectRun({
    files: [path.join(dir, "main.worker")],
    input: "go",
    cwd: dir,
    approval: (request) => {
      asked.push(request);
      return { type: "approved" };
    },
    ...options,
  });
  assertBalanced(outcome.events);
  return { ...outcome, asked };
}

describe("dynamic_workers: create_worker and call_worker", () => {
  test("creates a worker after approval (showing the whole file), writes it, and calls it at the next depth", async () => {
    await using project = await tempProject({
      "main.worker": MAIN("[dynamic_workers, filesystem_cwd_read_only]"),
      "notes.txt": "Buy milk. Call Ann.",
    });
    const main = scriptedModel([
      toolCall("create_worker", SUMMARIZER),
      toolCall("call_worker", { worker: "summarizer", input: "notes.txt" }),
      text("The notes say: milk, Ann."),
    ]);
    const helper = scriptedModel([
      toolCall("read_file", { path: "notes.txt" }),
      text("Milk and a call to Ann."),
    ]);
    const { result, events, asked, error } = await runMain(project.dir, {
      models: { "test:main": main, "test:helper": helper },
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("The notes say: milk, Ann.");

    const [file] = createdFiles(project.dir);
    expect(path.relative(project.dir, file!)).toMatch(
      /^\.llm-do\/created-workers\/\d{8}-\d{6}-[0-9a-f]{8}\/summarizer\.worker$/,
    );
    const content = await readFile(file!, "utf8");
    expect(content).toBe(
      [
        "---",
        "name: summarizer",
        "description: Summarizes one file.",
        "model: test:helper",
        "toolsets:",
        "  filesystem_cwd_read_only: {}",
        "---",
        "Read the file you are given and summarize it in one line.",
        "",
      ].join("\n"),
    );
    expect(asked).toEqual([
      {
        toolName: "create_worker",
        input: SUMMARIZER,
        description: `Create worker 'summarizer' (${path.relative(project.dir, file!)}):\n${content}`,
        reason: "main creates a worker",
        callPath: ["main", "create_worker"],
        depth: 1,
      },
    ]);
    expect(JSON.stringify(main.calls[1]!.prompt.at(-1))).toContain(
      `Created worker 'summarizer'. Call it with call_worker (worker: \\"summarizer\\").`,
    );
    const starts = events
      .filter((event) => event.type === "call-start")
      .map((event) => `${event.path.join(" > ")} @${event.depth}`);
    expect(starts).toEqual([
      "main @1",
      "main > create_worker @1",
      "main > call_worker @1",
      "main > call_worker > summarizer @2",
      "main > call_worker > summarizer > read_file @2",
    ]);
    // The created worker has exactly the tools it was granted.
    expect(helper.calls[0]!.tools?.map((tool) => tool.name).sort()).toEqual(["list_files", "read_file"]);
    main.assertComplete();
    helper.assertComplete();

    // The file is a worker file like any other: a person can run it again.
    const again = await collectRun({
      files: [file!],
      entry: "summarizer",
      input: "notes.txt",
      cwd: project.dir,
      models: { "test:helper": scriptedModel([text("Milk, Ann.")]) },
    });
    expect(again.result?.output).toBe("Milk, Ann.");
  });

  test("a created worker gets the creator's own configuration of a granted toolset", async () => {
    await using project = await tempProject({
      "main.worker":
        "---\nname: main\nmodel: test:main\ntoolsets:\n  dynamic_workers: {}\n  filesystem:\n    read_only: true\n    _approval_config: { read_file: { approval_required: true } }\n---\nGo.\n",
    });
    const main = scriptedModel([
      toolCall("create_worker", { name: "reader", instructions: "Read.", toolsets: ["filesystem"] }),
      text("done"),
    ]);
    const { asked } = await runMain(project.dir, { models: { "test:main": main } });
    expect(asked[0]!.description).toContain(
      "toolsets:\n  filesystem:\n    read_only: true\n    _approval_config:\n      read_file:\n        approval_required: true\n",
    );
  });

  test("a toolset the creator lacks is blocked, even with --approve-all, and nothing is written", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers, filesystem]") });
    const main = scriptedModel([
      toolCall("create_worker", { name: "runner", instructions: "Run things.", toolsets: ["shell"] }),
      text("could not"),
    ]);
    const { result, events } = await runMain(project.dir, {
      models: { "test:main": main },
      approval: "approve_all",
    });
    expect(result?.output).toBe("could not");
    expect(JSON.parse(JSON.stringify(main.calls[1]!.prompt.at(-1)))).toMatchObject({
      content: [
        {
          output: {
            value: {
              error:
                "Blocked create_worker: worker 'main' cannot grant toolset 'shell': it does not have it (it can grant: dynamic_workers, filesystem)",
              error_type: "permission",
            },
          },
        },
      ],
    });
    expect(events.find((event) => event.type === "call-end" && event.name === "create_worker")).toMatchObject(
      {
        outcome: "blocked",
      },
    );
    expect(createdFiles(project.dir)).toEqual([]);
  });

  test.each([
    ["read_file", "a tool of 'main'"],
    ["main", "the worker 'main'"],
    ["helper", "the worker 'helper'"],
    ["filesystem", "the built-in toolset 'filesystem'"],
    ["shell_read_only", "the built-in toolset 'shell_read_only'"],
    ["call_worker", "a tool of 'main'"],
  ])("the name '%s' is taken (%s): the model reads why, and nobody is asked", async (name, takenBy) => {
    await using project = await tempProject({
      "main.worker": MAIN("[dynamic_workers, filesystem]"),
      "helper.worker": "---\nname: helper\n---\nHelp.\n",
    });
    const main = scriptedModel([toolCall("create_worker", { name, instructions: "Hi." }), text("ok")]);
    // Under the 'fail' policy a question would end the run.
    const { result, error } = await runMain(project.dir, {
      files: [project.path("main.worker"), project.path("helper.worker")],
      models: { "test:main": main },
      approval: "fail",
    });
    expect(error?.message).toBeUndefined();
    expect(result?.output).toBe("ok");
    expect(JSON.stringify(main.calls[1]!.prompt.at(-1))).toContain(
      `Cannot create worker '${name}': the name '${name}' is taken by ${takenBy}: choose another`,
    );
    expect(createdFiles(project.dir)).toEqual([]);
  });

  test("creating the same name twice: the second is refused", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const request = { name: "twice", instructions: "Hi." };
    const main = scriptedModel([
      toolCall("create_worker", request),
      toolCall("create_worker", request),
      text("ok"),
    ]);
    await runMain(project.dir, { models: { "test:main": main } });
    expect(JSON.stringify(main.calls[2]!.prompt.at(-1))).toContain(
      "the name 'twice' is taken by a worker created earlier in this run",
    );
    expect(createdFiles(project.dir).map((file) => path.basename(file))).toEqual(["twice.worker"]);
  });

  test.each([
    [{ model: "haiku" }, "line 3, column 1 of its file: invalid model 'haiku': expected 'provider:model-id'"],
    [{ schema_in: { fields: ["a"] } }, "schema_in must be a JSON Schema with a 'type' or 'properties' key"],
    [{ model: "nope:model" }, "unknown model provider 'nope'"],
    [{ toolsets: ["dynamic_workers", "dynamic_workers"] }, "toolset 'dynamic_workers' is listed twice"],
  ])("malformed front matter %j is an error the model reads; no file is left", async (fields, reason) => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const main = scriptedModel([
      toolCall("create_worker", { name: "bad", instructions: "Hi.", ...fields }),
      text("ok"),
    ]);
    const { result, asked } = await runMain(project.dir, { models: { "test:main": main } });
    expect(result?.output).toBe("ok");
    const read = JSON.stringify(main.calls[1]!.prompt.at(-1));
    expect(read).toContain("Cannot create worker 'bad': ");
    expect(read).toContain(reason);
    expect(read).toContain('"error_type":"tool_error"');
    // A model it cannot resolve is found only once the file is loaded: that one was asked about.
    expect(asked.length).toBe("model" in fields && fields.model === "nope:model" ? 1 : 0);
    expect(createdFiles(project.dir)).toEqual([]);
  });

  test("path tricks in the name never reach the file system", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const names = ["../escape", "a/b", "..", "x.worker", `${"n".repeat(65)}`, ""];
    const main = scriptedModel([
      ...names.map((name) => toolCall("create_worker", { name, instructions: "Hi." })),
      text("ok"),
    ]);
    const { result, asked } = await runMain(project.dir, { models: { "test:main": main } });
    expect(result?.output).toBe("ok");
    expect(asked).toEqual([]);
    for (const [index] of names.entries()) {
      expect(JSON.stringify(main.calls[index + 1]!.prompt.at(-1))).toMatch(/Invalid input|invalid/i);
    }
    expect(existsSync(path.join(project.dir, ".llm-do"))).toBe(false);
    expect(existsSync(path.join(project.dir, "..", "escape.worker"))).toBe(false);
  });

  test("runaway recursion ends at the depth limit", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const main = scriptedModel([
      toolCall("create_worker", {
        name: "again",
        instructions: "Call yourself.",
        toolsets: ["dynamic_workers"],
        model: "test:again",
      }),
      toolCall("call_worker", { worker: "again", input: "go" }),
      text("unreachable"),
    ]);
    const again = scriptedModel(
      Array.from({ length: 5 }, () => toolCall("call_worker", { worker: "again", input: "deeper" })),
    );
    const { error, events } = await runMain(project.dir, {
      models: { "test:main": main, "test:again": again },
      approval: "approve_all",
      maxDepth: 3,
    });
    expect(error?.code).toBe("DEPTH_LIMIT");
    expect(error?.message).toBe(
      "Depth limit of 3 exceeded calling worker 'again' (call path: main > call_worker > again > call_worker > again > call_worker > again); raise it with --max-depth",
    );
    expect(events.filter((event) => event.type === "call-start" && event.name === "again")).toHaveLength(3);
  });

  test("a created worker's model requests count against the run's budget", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const main = scriptedModel([
      toolCall("create_worker", { name: "helper2", instructions: "Help.", model: "test:helper" }),
      toolCall("call_worker", { worker: "helper2", input: "go" }),
      text("unreachable"),
    ]);
    const helper = scriptedModel([text("a"), text("b")]);
    const { error } = await runMain(project.dir, {
      models: { "test:main": main, "test:helper": helper },
      approval: "approve_all",
      budget: { maxCalls: 2 },
    });
    expect(error?.code).toBe("BUDGET_EXCEEDED");
    expect(error?.message).toContain("helper2");
  });

  test("headless without --approve-all: creating fails the run before anything is written", async () => {
    await using project = await tempProject({ "main.worker": MAIN("[dynamic_workers]") });
    const main = scriptedModel([toolCall("create_worker", { name: "helper3", instructions: "Help." })]);
    const { error } = await runMain(project.dir, { models: { "test:main": main }, approval: "fail" });
    expect(error?.code).toBe("APPROVAL_DENIED");
    expect(createdFiles(project.dir)).toEqual([]);
  });

  test("call_worker: an unknown name is not found; attachments and object input reach the worker", async () => {
    await using project = await tempProject({
      "main.worker": MAIN("[dynamic_workers]"),
      "deck.txt": "slides",
    });
    const main = scriptedModel([
      toolCall("call_worker", { worker: "ghost", input: "boo" }),
      toolCall("create_worker", { name: "reader", instructions: "Read.", model: "test:helper" }),
      toolCall("call_worker", { worker: "reader", input: "Read this.", attachments: ["deck.txt"] }),
      toolCall("create_worker", {
        name: "typed",
        instructions: "Typed.",
        model: "test:helper",
        schema_in: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
      }),
      toolCall("call_worker", { worker: "typed", input: { n: "x" } }),
      toolCall("call_worker", { worker: "typed", input: { n: 3 } }),
      text("done"),
    ]);
    const helper = scriptedModel([text("read it"), text("typed it")]);
    const { result } = await runMain(project.dir, {
      models: { "test:main": main, "test:helper": helper },
      approval: "approve_all",
    });
    expect(result?.output).toBe("done");
    expect(JSON.stringify(main.calls[1]!.prompt.at(-1))).toContain(
      "No worker 'ghost' was created in this run (created: none yet); create it with create_worker first",
    );
    expect(JSON.stringify(helper.calls[0]!.prompt.at(-1))).toContain('"filename":"deck.txt"');
    expect(JSON.stringify(main.calls[5]!.prompt.at(-1))).toContain(
      "Invalid input for typed: n: expected number, received string",
    );
    expect(JSON.stringify(helper.calls[1]!.prompt.at(-1))).toContain('\\"n\\": 3');
  });
});
