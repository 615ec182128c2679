/**
 * @module Scenario 1: the time llm-do adds to each step of a worker's tool loop, against the
 * bare AI SDK loop with the same mock model and tool, in the same process.
 */
import { runWorkload } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const workload = new URL("../workloads/per-call-overhead.mjs", import.meta.url).pathname;

/**
 * Per-variant summaries and the ratios to `bare`: of the medians, and round by round.
 * @param {Record<string, number[]>} samples
 */
function compare(samples) {
  const perStep = Object.fromEntries(
    Object.entries(samples).map(([name, values]) => [name, summarize(values)]),
  );
  const ratios = Object.fromEntries(
    Object.keys(samples).map((name) => [
      name,
      {
        ratio: perStep[name].median / perStep.bare.median,
        rounds: summarize(samples[name].map((value, index) => value / samples.bare[index])),
      },
    ]),
  );
  return { perStep, ratios, ratio: ratios.llmDo.ratio };
}

/**
 * @param {{ toolCalls: number, warmups: number, pairs: number }} settings
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measurePerCallOverhead(settings) {
  const { result } = await runWorkload(workload, settings, ["--expose-gc"]);
  const wall = compare(result.perStepMs);
  const cpu = compare(result.cpuPerStepMs);
  return {
    settings,
    measured: { steps: result.steps, eventBytesPerRun: result.eventBytesPerRun, wall, cpu },
    checks: [
      {
        target: "per step, llm-do / bare AI SDK",
        value: wall.ratio,
        limit: 1.15,
        unit: "x",
        applies: settings.toolCalls === 200,
      },
    ],
  };
}
