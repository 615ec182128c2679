/**
 * @module Scenario 4: a long streamed answer through the CLI (`--headless -vv` and `--json`),
 * from a local Anthropic-compatible server: throughput, and peak RSS against a short answer,
 * next to the bare AI SDK streaming the same answer (with `streamText`, and with its
 * single-consumer `experimental_streamTextLowMemory`). Whether memory stays flat is measured
 * apart from the timed runs: one run per size (1 KB, the timed size, `flatBytes`) collects
 * garbage every 5 ms and reports the most heap still in use (see peak-rss-preload.mjs).
 */
import { anthropicTextStream, startAnthropicSseServer } from "../lib/anthropic-sse-server.mjs";
import { createBenchProject, workerFile } from "../lib/bench-project.mjs";
import { fillerText } from "../lib/filler-text.mjs";
import { mb, ms, size } from "../lib/format.mjs";
import { spawnMeasured } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const bin = new URL("../../bin/llm-do.js", import.meta.url).pathname;
const SMALL_ANSWER = 1024;

const bareStream = new URL("../workloads/bare-stream.mjs", import.meta.url).pathname;

const BARE = "bare AI SDK, deltas to stderr";

/** The commands compared: Node arguments. The bare AI SDK streams the same request (the floor). */
const MODES = {
  "llm-do --headless -vv": [bin, "main.worker", "Write", "--headless", "-vv"],
  "llm-do --json": [bin, "main.worker", "Write", "--json"],
  [BARE]: [bareStream],
  "bare AI SDK, low-memory streamText": [bareStream, JSON.stringify({ lowMemory: true })],
};

/** Forced collections every this many ms in the live-heap runs. */
const LIVE_HEAP_EVERY_MS = 5;

/**
 * @param {{ bytes: number, flatBytes: number, chunkSize: number, runs: number, warmupRuns: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureStreaming(settings, log) {
  const answers = { small: fillerText(SMALL_ANSWER), large: fillerText(settings.bytes) };
  const bodies = {
    small: anthropicTextStream(answers.small, settings.chunkSize),
    large: anthropicTextStream(answers.large, settings.chunkSize),
  };
  const server = await startAnthropicSseServer(bodies.small);
  const project = createBenchProject({
    "main.worker": workerFile({ name: "main", model: "anthropic:claude-haiku-4-5" }),
  });
  const env = { HOME: project.dir, ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "bench" };
  try {
    const samples = Object.fromEntries(Object.keys(MODES).map((mode) => [mode, { small: [], large: [] }]));
    for (let round = 0; round < settings.warmupRuns + settings.runs; round++) {
      for (const size of round % 2 === 0 ? ["small", "large"] : ["large", "small"]) {
        server.answer = bodies[size];
        for (const [mode, args] of Object.entries(MODES)) {
          const run = await spawnMeasured(args, { cwd: project.dir, env });
          if (run.code !== 0) throw new Error(`${mode} exited with ${run.code}:\n${run.stderr}`);
          // The answer must arrive whole: on stdout, and streamed on stderr as well.
          if (run.stdoutBytes < answers[size].length || run.stderrBytes < answers[size].length) {
            throw new Error(`${mode}: ${run.stdoutBytes} bytes on stdout, ${run.stderrBytes} on stderr`);
          }
          if (round >= settings.warmupRuns) samples[mode][size].push(run);
        }
      }
    }
    // Live heap: what each mode holds on to as the answer grows.
    const liveSizes = [SMALL_ANSWER, settings.bytes, settings.flatBytes];
    const liveHeapBytes = Object.fromEntries(Object.keys(MODES).map((mode) => [mode, []]));
    for (const bytes of liveSizes) {
      server.answer = anthropicTextStream(fillerText(bytes), settings.chunkSize);
      for (const [mode, args] of Object.entries(MODES)) {
        const run = await spawnMeasured(args, {
          cwd: project.dir,
          env: { ...env, LLM_DO_BENCH_LIVE_HEAP: String(LIVE_HEAP_EVERY_MS) },
        });
        if (run.code !== 0) throw new Error(`${mode} exited with ${run.code}:\n${run.stderr}`);
        liveHeapBytes[mode].push({ peak: run.peakLiveHeapBytes, median: run.medianLiveHeapBytes });
      }
    }
    const measured = {};
    for (const mode of Object.keys(MODES)) {
      const summaryOf = (answer, key) => summarize(samples[mode][answer].map((run) => run[key]));
      const wall = { small: summaryOf("small", "wallMs"), large: summaryOf("large", "wallMs") };
      const peak = { small: summaryOf("small", "peakRssBytes"), large: summaryOf("large", "peakRssBytes") };
      const cpu = { small: summaryOf("small", "cpuMs"), large: summaryOf("large", "cpuMs") };
      const extraMs = Math.max(wall.large.median - wall.small.median, 1e-3);
      measured[mode] = {
        wallMs: wall,
        cpuMs: cpu,
        peakRssBytes: peak,
        stderrBytes: samples[mode].large[0].stderrBytes,
        throughputMBps: (settings.bytes - SMALL_ANSWER) / 1024 / 1024 / (extraMs / 1000),
        extraPeakRssBytes: peak.large.median - peak.small.median,
        liveHeap: liveSizes.map((bytes, index) => ({ bytes, ...liveHeapBytes[mode][index] })),
        liveHeapGrowthPerByte: {
          peak:
            (liveHeapBytes[mode][2].peak - liveHeapBytes[mode][1].peak) /
            (settings.flatBytes - settings.bytes),
          median:
            (liveHeapBytes[mode][2].median - liveHeapBytes[mode][1].median) /
            (settings.flatBytes - settings.bytes),
        },
      };
      log(
        `  ${mode}: ${ms(wall.large.median)} ms (CPU ${ms(cpu.large.median)} ms) for ${size(settings.bytes)} (${ms(wall.small.median)} ms for 1 KB), peak ${mb(peak.large.median)} MB (${mb(peak.small.median)} MB)`,
      );
    }
    const bare = measured[BARE];
    const applies = settings.bytes >= 1024 * 1024;
    return {
      settings,
      measured,
      checks: Object.keys(MODES)
        .filter((mode) => mode.startsWith("llm-do"))
        .flatMap((mode) => [
          {
            target: `${mode}: wall time / bare AI SDK, ${size(settings.bytes)} answer`,
            value: measured[mode].wallMs.large.median / bare.wallMs.large.median,
            limit: 1.15,
            unit: "x",
            applies,
          },
          {
            target: `${mode}: peak RSS / bare AI SDK, ${size(settings.bytes)} answer`,
            value: measured[mode].peakRssBytes.large.median / bare.peakRssBytes.large.median,
            limit: 1.15,
            unit: "x",
            applies,
          },
          {
            // Flat: while it streams, a process needs the text received so far and nothing per
            // delta. Over a run that averages half the answer: the median sample grows by about
            // 0.5 MB per MB of answer. Deltas kept as objects or ropes cost 1.5-5 MB per MB.
            target: `${mode}: median live heap growth, ${size(settings.bytes)} to ${size(settings.flatBytes)} answer`,
            value: measured[mode].liveHeapGrowthPerByte.median,
            limit: 1,
            unit: "MB/MB",
            applies,
          },
        ]),
    };
  } finally {
    await server.close();
    project.remove();
  }
}
