/**
 * A durable run in process, on a real Postgres: interrupted while the model thinks about its
 * second step, then run again. The first request is not sent again; the tool calls the model
 * made (one failed, one called a worker through ctx.call) do not run again, and the model reads
 * the same results; usage and cost still count what the skipped calls used.
 */
import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DurableEngine, launchDurableEngine } from "../../src/durable/durable-engine.js";
import { createDurableRunHooks } from "../../src/durable/durable-run-hooks.js";
import { AbortError } from "../../src/errors.js";
import type { RunEvent } from "../../src/events/run-event.js";
import { totalCost } from "../../src/models/estimate-cost.js";
import { loadProject } from "../../src/registry/load-project.js";
import { run } from "../../src/runtime/run.js";
import { scriptedModel, step, text, toolCall } from "../../src/testing/scripted-model.js";
import { tempProject } from "../../src/testing/temp-project.js";
import { freshDatabaseUrl } from "../support/test-postgres.js";

let engine: DurableEngine;
beforeAll(async () => {
  engine = await launchDurableEngine({ databaseUrl: await freshDatabaseUrl() });
});
afterAll(async () => {
  await engine.shutdown();
});

const MAIN = "anthropic:claude-haiku-4-5";
const HELPER = "anthropic:claude-sonnet-4-5";

const files = {
  "main.worker": `---\nname: main\nmodel: ${MAIN}\ntoolsets:\n  tools: {}\n---\nUse the tools.\n`,
  "helper.worker": `---\nname: helper\nmodel: ${HELPER}\n---\nHelp.\n`,
  "tools.ts": `import { tool, toolset } from "llm-do";
import { z } from "zod";

export const executions: string[] = [];

export const tools = toolset({
  flaky: tool({
    description: "Always fails.",
    inputSchema: z.object({}),
    execute: () => {
      executions.push("flaky");
      throw new Error("boom");
    },
  }),
  orchestrate: tool({
    description: "Asks the helper.",
    inputSchema: z.object({ question: z.string() }),
    execute: async ({ question }, ctx) => {
      executions.push("orchestrate");
      return { answer: await ctx.call("helper", { input: question }) };
    },
  }),
});
`,
};

/** A model that waits, until the run is aborted, on the requests `blocks` picks. */
function blocking(
  inner: LanguageModelV4,
  blocks: (call: number) => boolean,
  onBlocked: () => void,
): LanguageModelV4 {
  let calls = 0;
  return {
    specificationVersion: "v4",
    provider: inner.provider,
    modelId: inner.modelId,
    supportedUrls: {},
    doGenerate: (options) => inner.doGenerate(options),
    doStream: async (options: LanguageModelV4CallOptions) => {
      if (blocks(++calls)) {
        onBlocked();
        await new Promise((_, reject) =>
          options.abortSignal?.addEventListener("abort", () => reject(new AbortError())),
        );
      }
      return inner.doStream(options);
    },
  };
}

describe("a durable run", () => {
  test("resumes without repeating finished requests or tool calls, and counts what they used", async () => {
    await using project = await tempProject(files);
    const loaded = await loadProject({
      files: ["main.worker", "helper.worker", "tools.ts"].map((file) => project.path(file)),
      cwd: project.dir,
      entry: "main",
    });
    const tools = loaded.modules.get(project.path("tools.ts")) as { executions: string[] };
    const id = "durable-run-resume";
    const args = { group: "test", key: "run", input: "go" };
    const runOnce = (
      main: LanguageModelV4,
      helper: LanguageModelV4,
      signal: AbortSignal,
      events: RunEvent[],
    ) =>
      engine.run(id, args, async (steps) => {
        const hooks = createDurableRunHooks(steps);
        const result = await run({
          project: loaded,
          input: "go",
          models: { [MAIN]: main, [HELPER]: helper },
          durable: hooks,
          signal,
          cwd: project.dir,
          onEvent: (event) => events.push(event),
        }).result;
        return {
          output: result.output,
          usage: result.usage,
          replayed: hooks.replayedSteps,
          cost: hooks.replayedCost(),
        };
      });

    // First run: main asks for both tools at once, then blocks on its second request.
    const firstMain = scriptedModel([
      step(toolCall("flaky", {}), toolCall("orchestrate", { question: "why?" })),
      text("all done"),
    ]);
    const firstHelper = scriptedModel([text("because")]);
    const controller = new AbortController();
    const first = runOnce(
      blocking(
        firstMain,
        (call) => call === 2,
        () => void engine.interrupt([id]).then(() => controller.abort()),
      ),
      firstHelper,
      controller.signal,
      [],
    );
    await expect(first).rejects.toThrow();
    expect([firstMain.calls.length, firstHelper.calls.length]).toEqual([1, 1]);
    expect(tools.executions.sort()).toEqual(["flaky", "orchestrate"]);

    // Second run: only main's second request is sent.
    const secondMain = scriptedModel([text("all done")]);
    const secondHelper = scriptedModel([]);
    const events: RunEvent[] = [];
    const result = await runOnce(secondMain, secondHelper, new AbortController().signal, events);
    expect(result.output).toBe("all done");
    expect([secondMain.calls.length, secondHelper.calls.length]).toEqual([1, 0]);
    expect(tools.executions).toHaveLength(2);
    // main's first request and both tool calls came from their records.
    expect(result.replayed).toBe(3);
    // The model read the same results: the failure and the helper's answer.
    const toolResults = JSON.stringify(secondMain.calls[0]!.prompt.at(-1));
    expect(toolResults).toContain("flaky failed: boom");
    expect(toolResults).toContain("because");
    // Usage: main's two requests and the helper's one; the helper's cost comes from the record.
    expect(result.usage.requests).toBe(3);
    expect(result.cost.usd).toBeGreaterThan(0);
    expect(totalCost(events).usd).toBeGreaterThan(0);
    const callEnds = events
      .filter((event) => event.type === "call-end")
      .map((event) => [event.name, event.outcome]);
    expect(callEnds).toEqual([
      ["flaky", "error"],
      ["orchestrate", "ok"],
      ["main", "ok"],
    ]);
  });
});
