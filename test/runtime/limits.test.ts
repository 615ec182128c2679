/**
 * The limits of a run as outcomes, never as answers: a worker that is still calling tools when
 * its step limit is reached fails with STEP_LIMIT (its interim text is not the result), the limit
 * is set per worker (`max_steps`) or for the run (`maxSteps`, `--max-steps`), and the depth limit
 * has an upper bound.
 */
import { describe, expect, test } from "vitest";
import { scriptedModel, step, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";

const tools = `import { tool, toolset } from "llm-do";
import { z } from "zod";

export const busy = toolset({
  noop: tool({ description: "Does nothing.", inputSchema: z.object({}), execute: () => "done" }),
});
`;

const worker = (name: string, extra = "") =>
  `---\nname: ${name}\nmodel: test:${name}\ntoolsets:\n  busy: {}\n${extra}---\nKeep going.\n`;

/** A model that never stops calling tools, saying something each time. */
const loopingModel = (length = 20) =>
  scriptedModel(
    Array.from({ length }, (_, index) => step(text(`interim ${index + 1}`), toolCall("noop", {}))),
  );

describe("the step limit", () => {
  test("a worker still calling tools at the limit fails with STEP_LIMIT, not its interim text", async () => {
    await using project = await tempProject({ "main.worker": worker("main"), "tools.ts": tools });
    const model = loopingModel();
    const { result, error, events } = await collectRun({
      files: [project.path("main.worker"), project.path("tools.ts")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
      maxSteps: 3,
    });
    expect(result).toBeUndefined();
    expect(error?.code).toBe("STEP_LIMIT");
    expect(error?.message).toBe(
      "Worker 'main' reached its step limit of 3 model requests while still calling tools, so it has no final answer (call path: main); raise it with max_steps in the worker's front matter or --max-steps",
    );
    expect(model.calls).toHaveLength(3);
    const end = events.find((event) => event.type === "run-end");
    expect(end).toMatchObject({ outcome: "error", error: { code: "STEP_LIMIT" } });
    expect(end && "output" in end ? end.output : undefined).toBeUndefined();
    assertBalanced(events);
  });

  test("the default limit is 100", async () => {
    await using project = await tempProject({ "main.worker": worker("main"), "tools.ts": tools });
    const model = loopingModel(101);
    const { error } = await collectRun({
      files: [project.path("main.worker"), project.path("tools.ts")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
    });
    expect(error?.code).toBe("STEP_LIMIT");
    expect(model.calls).toHaveLength(100);
  });

  test("an answer on the last allowed step is an answer", async () => {
    await using project = await tempProject({ "main.worker": worker("main"), "tools.ts": tools });
    const model = scriptedModel([toolCall("noop", {}), toolCall("noop", {}), text("finished")]);
    const { result, error } = await collectRun({
      files: [project.path("main.worker"), project.path("tools.ts")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
      maxSteps: 3,
    });
    expect(error).toBeUndefined();
    expect(result?.output).toBe("finished");
  });

  test("max_steps in the front matter beats the run's limit, for that worker", async () => {
    await using project = await tempProject({
      "main.worker": worker("main", "max_steps: 2\n"),
      "tools.ts": tools,
    });
    const model = loopingModel();
    const { error } = await collectRun({
      files: [project.path("main.worker"), project.path("tools.ts")],
      input: "go",
      models: { "test:main": model },
      cwd: project.dir,
      maxSteps: 5,
    });
    expect(error?.message).toMatch(/^Worker 'main' reached its step limit of 2 model requests/);
    expect(model.calls).toHaveLength(2);
  });

  test("a nested worker at its limit ends the run, naming its call path", async () => {
    await using project = await tempProject({
      "main.worker": `---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nDelegate.\n`,
      "helper.worker": worker("helper", "max_steps: 2\n"),
      "tools.ts": tools,
    });
    const main = scriptedModel([toolCall("helper", { input: "work" }), text("never reached")]);
    const helper = loopingModel();
    const { error, events } = await collectRun({
      files: [project.path("main.worker"), project.path("helper.worker"), project.path("tools.ts")],
      input: "go",
      models: { "test:main": main, "test:helper": helper },
      cwd: project.dir,
    });
    expect(error?.code).toBe("STEP_LIMIT");
    expect(error?.message).toContain("Worker 'helper' reached its step limit of 2 model requests");
    expect(error?.message).toContain("(call path: main > helper)");
    expect(main.calls).toHaveLength(1);
    assertBalanced(events);
  });
});

describe("limits given to run() are checked", () => {
  test.each([
    [{ maxDepth: 51 }, "maxDepth must be an integer from 1 to 50 (got 51)"],
    [{ maxDepth: 0 }, "maxDepth must be an integer from 1 to 50 (got 0)"],
    [{ maxSteps: 0 }, "maxSteps must be a positive integer (got 0)"],
    [{ maxSteps: 2.5 }, "maxSteps must be a positive integer (got 2.5)"],
    [
      { timeouts: { idleMs: 0 } },
      "timeouts.idleMs must be a positive number of milliseconds up to 86400000 (got 0)",
    ],
    [
      { timeouts: { requestMs: 1e12 } },
      "timeouts.requestMs must be a positive number of milliseconds up to 86400000 (got 1000000000000)",
    ],
  ])("%o", async (limits, message) => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n",
    });
    const { error, events } = await collectRun({
      files: [project.path("main.worker")],
      input: "go",
      cwd: project.dir,
      ...limits,
    });
    expect(error?.code).toBe("CONFIG_INVALID");
    expect(error?.message).toBe(message);
    assertBalanced(events);
  });
});
