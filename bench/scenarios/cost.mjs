/**
 * @module Scenario 6: what a task costs. The same multi-step tool loop (long instructions, one
 * file read a step) through the CLI and the real Anthropic provider, against a local server that
 * simulates Anthropic's prefix cache from the breakpoints it receives and bills what it served
 * (lib/anthropic-cache-server.mjs): with prompt caching (the default) and with
 * `--set prompt_cache=off`. Reports the billed cost of each, the tokens read from and written to
 * the cache, and how far llm-do's own estimate is from the bill.
 */
import { billOf, startAnthropicCacheServer } from "../lib/anthropic-cache-server.mjs";
import { createBenchProject, workerFile } from "../lib/bench-project.mjs";
import { spawnMeasured } from "../lib/spawn-measured.mjs";

const bin = new URL("../../bin/llm-do.js", import.meta.url).pathname;
// claude-haiku-4-5 list prices, per million tokens (data/model-prices.json).
const RATES = { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 };

/** @param {number} tokens About this many tokens of instructions (4 characters a token). */
function instructions(tokens) {
  const line = "Read each file carefully, quote it exactly, and say what is new in it.";
  return Array.from(
    { length: Math.ceil((tokens * 4) / (line.length + 10)) },
    (_, index) => `${index}. ${line}`,
  ).join("\n");
}

/**
 * One run of the loop: the server's bill, and the cost llm-do summed from its model responses.
 * @param {{ steps: number, instructionTokens: number }} settings
 * @param {string[]} extraArgs
 */
async function runLoop(settings, extraArgs) {
  const files = Array.from({ length: settings.steps - 1 }, (_, index) => `notes/${index + 1}.txt`);
  const project = createBenchProject({
    "main.worker": workerFile({
      name: "main",
      model: "anthropic:claude-haiku-4-5",
      toolsets: "  filesystem: {}",
      body: instructions(settings.instructionTokens),
    }),
    ...Object.fromEntries(
      files.map((file, index) => [file, `Note ${index + 1}. ${"A fact to keep. ".repeat(50)}`]),
    ),
  });
  const server = await startAnthropicCacheServer({ steps: settings.steps, files, rates: RATES });
  try {
    const run = await spawnMeasured([bin, "main.worker", "Read every note.", "--json", ...extraArgs], {
      cwd: project.dir,
      env: { HOME: project.dir, ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "bench" },
      keepOutput: true,
    });
    if (run.code !== 0) throw new Error(`llm-do exited with ${run.code}:\n${run.stderr}`);
    let reported = 0;
    for (const line of run.stderr.split("\n")) {
      if (!line.startsWith('{"type":"model-response"')) continue;
      const cost = JSON.parse(line).cost;
      if (!("usd" in cost)) throw new Error(`an unpriced response: ${line}`);
      reported += cost.usd;
    }
    if (server.requests.length !== settings.steps) {
      throw new Error(`the loop made ${server.requests.length} requests, expected ${settings.steps}`);
    }
    return {
      requests: server.requests.length,
      breakpointsPerRequest: server.requests.map((request) => request.breakpoints),
      billedTokens: { ...server.billed },
      billedUsd: billOf(server.billed, RATES),
      reportedUsd: reported,
    };
  } finally {
    await server.close();
    project.remove();
  }
}

/**
 * @param {{ steps: number, instructionTokens: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureCost(settings, log) {
  const cached = await runLoop(settings, []);
  const uncached = await runLoop(settings, ["--set", "prompt_cache=off"]);
  const ratio = cached.billedUsd / uncached.billedUsd;
  const estimateError = Math.max(
    Math.abs(cached.reportedUsd - cached.billedUsd) / cached.billedUsd,
    Math.abs(uncached.reportedUsd - uncached.billedUsd) / uncached.billedUsd,
  );
  for (const [label, run] of [
    ["with prompt caching", cached],
    ["prompt_cache: off", uncached],
  ]) {
    const tokens = run.billedTokens;
    log(
      `  ${label}: billed $${run.billedUsd.toFixed(5)} (llm-do reported $${run.reportedUsd.toFixed(5)}); ${tokens.input} uncached input, ${tokens.cacheRead} read from cache, ${tokens.cacheWrite} written, ${tokens.output} output tokens`,
    );
  }
  return {
    settings,
    measured: { cached, uncached, costRatio: ratio, estimateError },
    checks: [
      {
        target: `cost of a ${settings.steps}-step loop with caching / without`,
        value: ratio,
        limit: 0.35,
        unit: "x",
        // The target is for a long loop; the smoke sizes' 4 steps have little to reuse.
        applies: settings.steps >= 12,
      },
      {
        target: "llm-do's reported cost vs the simulated bill (largest difference)",
        value: estimateError * 100,
        limit: 5,
        unit: "%",
        applies: true,
      },
    ],
  };
}
