import path from "node:path";
import { expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { Registry } from "../registry/registry.js";
import { RunFailure } from "./run-failure.js";
import { projectOptions, type RunContext, resolverOptions, runFolderName, warnOnce } from "./run-setup.js";
import { emptyUsage } from "./usage.js";

function context(events: RunEvent[] = []): RunContext {
  return {
    runId: "ab12cd34-0000-4000-8000-000000000000",
    started: Date.UTC(2026, 2, 14, 9, 30, 12),
    cwd: "/work/project",
    entryName: "main",
    emit: (event) => events.push(event),
    failure: new RunFailure(),
    created: [],
    usage: emptyUsage(),
  };
}

test("warnOnce emits each distinct warning once", () => {
  const events: RunEvent[] = [];
  const warn = warnOnce((event) => events.push(event));
  warn("no sandbox");
  warn("no sandbox");
  warn("other");
  expect(events).toEqual([
    { type: "warning", message: "no sandbox" },
    { type: "warning", message: "other" },
  ]);
});

test("a run's created workers go to a folder named by its UTC start time and id, under cwd", () => {
  const run = context();
  expect(runFolderName(run.started, run.runId)).toBe("20260314-093012-ab12cd34");
  const project = {
    registry: new Registry({ workers: [], toolsets: [], otherExports: [], builtins: {} }),
    modules: new Map(),
  };
  const options = resolverOptions({ input: "hi", env: {} }, run, project);
  expect(options.createdWorkersFolder).toBe(
    path.resolve("/work/project", ".llm-do/created-workers", "20260314-093012-ab12cd34"),
  );
  expect(options.projectDir).toBe("/work/project");
  const elsewhere = resolverOptions(
    { input: "hi", env: {}, projectDir: "..", createdWorkersDir: "/tmp/w" },
    run,
    project,
  );
  expect(elsewhere.projectDir).toBe("/work");
  expect(elsewhere.createdWorkersFolder).toBe("/tmp/w/20260314-093012-ab12cd34");
});

test("the tool-file load timeout comes from the option, else LLM_DO_TOOL_LOAD_TIMEOUT (seconds)", () => {
  const run = context();
  expect(projectOptions({ input: "", env: { LLM_DO_TOOL_LOAD_TIMEOUT: "3" } }, run).toolLoadTimeoutMs).toBe(
    3000,
  );
  expect(
    projectOptions({ input: "", env: { LLM_DO_TOOL_LOAD_TIMEOUT: "3" }, toolLoadTimeoutMs: 50 }, run)
      .toolLoadTimeoutMs,
  ).toBe(50);
  expect(projectOptions({ input: "", env: {}, files: ["a.worker"] }, run)).toMatchObject({
    files: ["a.worker"],
    cwd: "/work/project",
    entry: "main",
  });
});
