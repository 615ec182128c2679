/**
 * @module Scenario 2: `llm-do main.worker "hi" --headless` as a whole process, against a local
 * server that answers at once: wall time and peak RSS, next to `node -e 0` and to the same
 * request made with the bare AI SDK and @ai-sdk/anthropic (the floor of any CLI built on them).
 */
import { anthropicTextStream, startAnthropicSseServer } from "../lib/anthropic-sse-server.mjs";
import { createBenchProject, workerFile } from "../lib/bench-project.mjs";
import { mb, ms } from "../lib/format.mjs";
import { spawnMeasured } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const bin = new URL("../../bin/llm-do.js", import.meta.url).pathname;
const bareStream = new URL("../workloads/bare-stream.mjs", import.meta.url).pathname;

/**
 * The commands compared, each `[label, node arguments, extra environment]`.
 * @param {string} compileCache A directory for Node's compile cache.
 */
function commands(compileCache) {
  const llmDo = [bin, "main.worker", "hi", "--headless"];
  return [
    ["node -e 0", ["-e", "0"], {}],
    ["bare AI SDK + @ai-sdk/anthropic, same request", [bareStream], {}],
    ["llm-do main.worker hi --headless", llmDo, {}],
    ["same, NODE_COMPILE_CACHE set", llmDo, { NODE_COMPILE_CACHE: compileCache }],
  ];
}

/**
 * @param {{ runs: number, warmupRuns: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureColdStart(settings, log) {
  const server = await startAnthropicSseServer(anthropicTextStream("Hello.", 32));
  const project = createBenchProject({
    "main.worker": workerFile({ name: "main", model: "anthropic:claude-haiku-4-5" }),
  });
  const env = { HOME: project.dir, ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "bench" };
  try {
    const list = commands(`${project.dir}/.compile-cache`);
    const samples = list.map(() => ({ wallMs: [], cpuMs: [], peakRssBytes: [] }));
    for (let round = 0; round < settings.warmupRuns + settings.runs; round++) {
      // Interleaved, so that a burst of load elsewhere hits every command alike.
      for (const [index, [label, args, extra]] of list.entries()) {
        const run = await spawnMeasured(args, {
          cwd: project.dir,
          env: { ...env, ...extra },
          keepOutput: true,
        });
        if (run.code !== 0) throw new Error(`${label} exited with ${run.code}:\n${run.stderr}`);
        if (args[0] !== "-e" && run.stdout !== "Hello.\n")
          throw new Error(`${label} printed ${JSON.stringify(run.stdout)}`);
        if (round < settings.warmupRuns) continue;
        for (const key of ["wallMs", "cpuMs", "peakRssBytes"]) samples[index][key].push(run[key]);
      }
    }
    const rows = list.map(([label], index) => ({
      label,
      wallMs: summarize(samples[index].wallMs),
      cpuMs: summarize(samples[index].cpuMs),
      peakRssBytes: summarize(samples[index].peakRssBytes),
    }));
    for (const row of rows)
      log(
        `  ${row.label}: ${ms(row.wallMs.median)} ms (CPU ${ms(row.cpuMs.median)} ms), ${mb(row.peakRssBytes.median)} MB`,
      );
    const llmDo = rows[2];
    return {
      settings,
      measured: { commands: rows, requests: server.requests },
      checks: [
        { target: "cold start wall time", value: llmDo.wallMs.median, limit: 250, unit: "ms", applies: true },
        {
          target: "cold start peak RSS",
          value: llmDo.peakRssBytes.median / 1024 / 1024,
          limit: 120,
          unit: "MB",
          applies: true,
        },
      ],
    };
  } finally {
    await server.close();
    project.remove();
  }
}
