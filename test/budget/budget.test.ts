import { describe, expect, test } from "vitest";
import type { RunOptions } from "../../src/index.js";
import { type ModelStep, scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";

// Every response: 1,000 input + 200 output tokens; with claude-haiku-4-5 ($1/$5 per million) $0.002.
const USAGE = { inputTokens: 1000, outputTokens: 200 };
const MODEL = "anthropic:claude-haiku-4-5";
const withUsage = (step: ModelStep): ModelStep => ({ ...step, usage: USAGE });

/** main/1 calls the analyzer, which lists files twice and answers; main/2 answers. */
const NESTED = [
  toolCall("analyzer", { input: "go" }),
  toolCall("list_files", {}),
  toolCall("list_files", {}),
  text("analysis"),
  text("done"),
].map(withUsage);

/** main lists files, then answers: two requests at depth 1. */
const FLAT = [toolCall("list_files", {}), text("done")].map(withUsage);

const worker = (name: string, extra: string) => `---\nname: ${name}\n${extra}---\nYou are ${name}.\n`;

async function budgetRun(options: {
  script: ModelStep[];
  budget?: RunOptions["budget"];
  mainBudget?: string;
  analyzerBudget?: string;
  model?: string;
}) {
  await using project = await tempProject({
    "main.worker": worker(
      "main",
      `model: ${options.model ?? MODEL}\ntoolsets:\n  analyzer: {}\n  filesystem: {}\n${options.mainBudget ?? ""}`,
    ),
    "analyzer.worker": worker("analyzer", `toolsets:\n  filesystem: {}\n${options.analyzerBudget ?? ""}`),
  });
  const model = scriptedModel(options.script);
  const outcome = await collectRun({
    files: [project.path("main.worker"), project.path("analyzer.worker")],
    input: "start",
    cwd: project.dir,
    models: { [options.model ?? MODEL]: model },
    ...(options.budget ? { budget: options.budget } : {}),
  });
  assertBalanced(outcome.events);
  return { ...outcome, requests: model.calls.length };
}

describe("run budgets (--max-calls, --max-tokens, --max-cost)", () => {
  test.each([
    {
      name: "max_calls at depth 1: the request that would be one too many is not sent",
      script: FLAT,
      budget: { maxCalls: 1 },
      requests: 1,
      message:
        "Budget exceeded: max_calls 1 for the run (--max-calls) would be crossed by main (step 2); 1 model request made. Usage so far: 1 model request, 1200 tokens (1000 input + 200 output), $0.0020.",
    },
    {
      name: "max_calls at depth 2",
      script: NESTED,
      budget: { maxCalls: 2 },
      requests: 2,
      message:
        "Budget exceeded: max_calls 2 for the run (--max-calls) would be crossed by main > analyzer (step 2); 2 model requests made. Usage so far: 2 model requests, 2400 tokens (2000 input + 400 output), $0.0040.",
    },
    {
      name: "max_tokens at depth 1: the response that crosses it ends the run",
      script: FLAT,
      budget: { maxTokens: 1000 },
      requests: 1,
      message:
        "Budget exceeded: max_tokens 1000 for the run (--max-tokens) was crossed by main (step 1); 1200 tokens used. Usage so far: 1 model request, 1200 tokens (1000 input + 200 output), $0.0020.",
    },
    {
      name: "max_tokens at depth 2",
      script: NESTED,
      budget: { maxTokens: 3000 },
      requests: 3,
      message:
        "Budget exceeded: max_tokens 3000 for the run (--max-tokens) was crossed by main > analyzer (step 2); 3600 tokens used. Usage so far: 3 model requests, 3600 tokens (3000 input + 600 output), $0.0060.",
    },
    {
      name: "max_cost at depth 1",
      script: FLAT,
      budget: { maxCost: 0.001 },
      requests: 1,
      message:
        "Budget exceeded: max_cost $0.0010 for the run (--max-cost) was crossed by main (step 1); $0.0020 spent. Usage so far: 1 model request, 1200 tokens (1000 input + 200 output), $0.0020.",
    },
    {
      name: "max_cost at depth 2",
      script: NESTED,
      budget: { maxCost: 0.005 },
      requests: 3,
      message:
        "Budget exceeded: max_cost $0.0050 for the run (--max-cost) was crossed by main > analyzer (step 2); $0.0060 spent. Usage so far: 3 model requests, 3600 tokens (3000 input + 600 output), $0.0060.",
    },
  ])("$name", async ({ script, budget, requests, message }) => {
    const outcome = await budgetRun({ script, budget });
    expect(outcome.error?.code).toBe("BUDGET_EXCEEDED");
    expect(outcome.error?.message).toBe(message);
    expect(outcome.requests).toBe(requests);
    expect(outcome.events.at(-1)).toMatchObject({
      type: "run-end",
      outcome: "error",
      error: { code: "BUDGET_EXCEEDED" },
    });
  });

  test("the run's end reports the usage so far", async () => {
    const outcome = await budgetRun({ script: FLAT, budget: { maxTokens: 1000 } });
    expect(outcome.events.at(-1)).toMatchObject({
      type: "run-end",
      usage: {
        inputTokens: 1000,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 200,
        totalTokens: 1200,
        requests: 1,
      },
    });
  });

  test("within budget, nothing changes", async () => {
    const outcome = await budgetRun({
      script: NESTED,
      budget: { maxCalls: 5, maxTokens: 6000, maxCost: 0.01 },
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.output).toBe("done");
  });

  test("a cost limit with a model that has no price fails before any request", async () => {
    const outcome = await budgetRun({ script: FLAT, budget: { maxCost: 1 }, model: "test:unpriced" });
    expect(outcome.error?.code).toBe("CONFIG_INVALID");
    expect(outcome.error?.message).toBe(
      "max_cost for the run (--max-cost) cannot be enforced: the price of model 'test:unpriced' is unknown (main); remove the cost limit or use a priced model",
    );
    expect(outcome.requests).toBe(0);
  });

  test("an invalid limit is a configuration error", async () => {
    const outcome = await budgetRun({ script: FLAT, budget: { maxCalls: 0 } });
    expect(outcome.error?.message).toBe("the run's budget: max_calls must be a positive integer (got 0)");
  });
});

describe("worker budgets (front matter budget:)", () => {
  test("max_calls on a nested worker counts that call's requests (depth 2)", async () => {
    const outcome = await budgetRun({ script: NESTED, analyzerBudget: "budget:\n  max_calls: 2\n" });
    expect(outcome.error?.message).toBe(
      "Budget exceeded: max_calls 2 for each call of worker 'analyzer' (budget: in analyzer.worker) would be crossed by main > analyzer (step 3); 2 model requests made. Usage so far: 3 model requests, 3600 tokens (3000 input + 600 output), $0.0060.",
    );
    expect(outcome.requests).toBe(3);
  });

  test("max_tokens on the entry worker covers its subtree (crossed at depth 2)", async () => {
    const outcome = await budgetRun({ script: NESTED, mainBudget: "budget:\n  max_tokens: 2000\n" });
    expect(outcome.error?.message).toBe(
      "Budget exceeded: max_tokens 2000 for each call of worker 'main' (budget: in main.worker) was crossed by main > analyzer (step 1); 2400 tokens used. Usage so far: 2 model requests, 2400 tokens (2000 input + 400 output), $0.0040.",
    );
  });

  test("max_cost on the entry worker (depth 1)", async () => {
    const outcome = await budgetRun({ script: FLAT, mainBudget: "budget:\n  max_cost: 0.001\n" });
    expect(outcome.error?.code).toBe("BUDGET_EXCEEDED");
    expect(outcome.error?.message).toContain("max_cost $0.0010 for each call of worker 'main'");
    expect(outcome.error?.message).toContain("was crossed by main (step 1)");
  });

  test("max_calls on the entry worker (depth 1)", async () => {
    const outcome = await budgetRun({ script: FLAT, mainBudget: "budget:\n  max_calls: 1\n" });
    expect(outcome.error?.message).toContain(
      "max_calls 1 for each call of worker 'main' (budget: in main.worker) would be crossed by main (step 2)",
    );
  });

  test("max_tokens on a nested worker (depth 2)", async () => {
    const outcome = await budgetRun({ script: NESTED, analyzerBudget: "budget:\n  max_tokens: 1000\n" });
    expect(outcome.error?.message).toContain(
      "max_tokens 1000 for each call of worker 'analyzer' (budget: in analyzer.worker) was crossed by main > analyzer (step 1); 1200 tokens used.",
    );
  });

  test("max_cost on a nested worker (depth 2)", async () => {
    const outcome = await budgetRun({ script: NESTED, analyzerBudget: "budget:\n  max_cost: 0.003\n" });
    expect(outcome.error?.message).toContain(
      "max_cost $0.0030 for each call of worker 'analyzer' (budget: in analyzer.worker) was crossed by main > analyzer (step 2); $0.0040 spent.",
    );
  });
});
