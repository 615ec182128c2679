/**
 * @module Scenario 3: an orchestrator fanning out to many sub-worker calls at once; wall time
 * and peak RSS, each run in a fresh process, against nested bare AI SDK loops (`streamText`, and
 * `generateText`, which llm-do's worker loop runs on).
 */
import { mb, ms } from "../lib/format.mjs";
import { runWorkload } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const workload = new URL("../workloads/fan-out.mjs", import.meta.url).pathname;

/**
 * @param {{ calls: number, warmupCalls: number, runs: number, warmupRuns: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureFanOut(settings, log) {
  const modes = ["llm-do", "bare", "bare-generate"];
  const samples = Object.fromEntries(modes.map((mode) => [mode, []]));
  for (let round = 0; round < settings.warmupRuns + settings.runs; round++) {
    // Rotate the order so that no mode always runs right after another.
    for (const mode of modes.map((_, index) => modes[(index + round) % modes.length])) {
      const { result } = await runWorkload(
        workload,
        { calls: settings.calls, warmupCalls: settings.warmupCalls, mode },
        ["--expose-gc"],
      );
      const measured = round >= settings.warmupRuns;
      log(
        `  ${mode}: ${ms(result.wallMs)} ms (CPU ${ms(result.cpuMs)} ms), peak ${mb(result.peakRssBytes)} MB${measured ? "" : " (warm-up)"}`,
      );
      if (measured) samples[mode].push(result);
    }
  }
  const summaryOf = (mode) => ({
    wallMs: summarize(samples[mode].map((sample) => sample.wallMs)),
    cpuMs: summarize(samples[mode].map((sample) => sample.cpuMs)),
    peakRssBytes: summarize(samples[mode].map((sample) => sample.peakRssBytes)),
    rssBeforeBytes: summarize(samples[mode].map((sample) => sample.rssBeforeBytes)),
  });
  const llmDo = summaryOf("llm-do");
  const bare = summaryOf("bare");
  const bareGenerate = summaryOf("bare-generate");
  const applies = settings.calls === 1000;
  return {
    settings,
    measured: {
      llmDo,
      bare,
      bareGenerate,
      wallRatio: llmDo.wallMs.median / bare.wallMs.median,
      cpuRatio: llmDo.cpuMs.median / bare.cpuMs.median,
    },
    checks: [
      { target: "fan-out wall time", value: llmDo.wallMs.median, limit: 2000, unit: "ms", applies },
      {
        target: "fan-out peak RSS",
        value: llmDo.peakRssBytes.median / 1024 / 1024,
        limit: 400,
        unit: "MB",
        applies,
      },
    ],
  };
}
