/**
 * @module Scenario 6: `llm-do batch` of many items of a worker with two tool steps (three model
 * requests and two tool calls per item) against a local server that answers at once: wall time
 * and peak RSS of the llm-do process with durability (llm-do's own Postgres, already created)
 * and without (`--no-durable`); the first durable batch of a project (initdb, migrations); and
 * the durable overhead per step, from item durations of the same batch run one item at a time.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  anthropicTextStream,
  anthropicToolUseStream,
  startAnthropicLoopServer,
} from "../lib/anthropic-sse-server.mjs";
import { echoTwiceProject } from "../lib/bench-project.mjs";
import { mb, ms } from "../lib/format.mjs";
import { spawnMeasured } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const bin = new URL("../../bin/llm-do.js", import.meta.url).pathname;
/** Model requests and tool calls of one item. */
export const STEPS_PER_ITEM = 5;

/**
 * @param {{ items: number, concurrency: number, serialItems: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureDurableBatch(settings, log) {
  const server = await startAnthropicLoopServer([
    anthropicToolUseStream("echo", { n: 1 }),
    anthropicToolUseStream("echo", { n: 2 }),
    anthropicTextStream("Done.", 32),
  ]);
  const project = echoTwiceProject({
    // The durable cost of items and steps, not the provider queue of a rate limit (scaleOut).
    "llm-do.yaml": "files: [main.worker, tools.ts]\nrate_limits:\n  anthropic: off\n",
  });
  // As root, llm-do's Postgres runs as nobody, which must reach the project.
  chmodSync(project.dir, 0o755);
  const env = {
    HOME: project.dir,
    ANTHROPIC_BASE_URL: server.baseUrl,
    ANTHROPIC_API_KEY: "bench",
    ...(process.env.LLM_DO_DATABASE_URL ? { LLM_DO_DATABASE_URL: process.env.LLM_DO_DATABASE_URL } : {}),
  };
  let runs = 0;
  const batch = async (items, concurrency, durable) => {
    const name = `run-${++runs}`;
    writeFileSync(path.join(project.dir, `${name}.jsonl`), itemsFile(items));
    const args = [
      bin,
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      `${name}.jsonl`,
      "--out",
      `${name}.out.jsonl`,
    ];
    const run = await spawnMeasured(
      [...args, "--concurrency", String(concurrency), ...(durable ? [] : ["--no-durable"])],
      { cwd: project.dir, env, keepOutput: true, timeoutMs: 600_000 },
    );
    if (run.code !== 0) throw new Error(`llm-do batch exited with ${run.code}:\n${run.stderr}`);
    return { ...run, results: path.join(project.dir, `${name}.out.jsonl`) };
  };
  try {
    const first = await batch(2, 1, true);
    log(`  first durable batch of a project (2 items, initdb and migrations): ${ms(first.wallMs)} ms`);
    const plain = await batch(settings.items, settings.concurrency, false);
    log(`  ${settings.items} items, --no-durable: ${ms(plain.wallMs)} ms, peak ${mb(plain.peakRssBytes)} MB`);
    const durable = await batch(settings.items, settings.concurrency, true);
    log(`  ${settings.items} items, durable: ${ms(durable.wallMs)} ms, peak ${mb(durable.peakRssBytes)} MB`);
    const plainItems = itemDurations(await batch(settings.serialItems, 1, false));
    const durableItems = itemDurations(await batch(settings.serialItems, 1, true));
    const perStep = (durableItems.median - plainItems.median) / STEPS_PER_ITEM;
    log(
      `  one at a time, median item: ${ms(plainItems.median)} ms plain, ${ms(durableItems.median)} ms durable: ${ms(perStep)} ms per step`,
    );
    const concurrentPerStep = (durable.wallMs - plain.wallMs) / (settings.items * STEPS_PER_ITEM);
    log(`  ${settings.concurrency} at a time: ${ms(concurrentPerStep)} ms of wall time per step`);
    const applies = settings.items === 1000;
    return {
      settings,
      measured: {
        firstDurableBatchMs: first.wallMs,
        plain: { wallMs: plain.wallMs, cpuMs: plain.cpuMs, peakRssBytes: plain.peakRssBytes },
        durable: { wallMs: durable.wallMs, cpuMs: durable.cpuMs, peakRssBytes: durable.peakRssBytes },
        itemMs: { plain: plainItems, durable: durableItems },
        overheadPerStepMs: perStep,
        concurrentOverheadPerStepMs: concurrentPerStep,
        requests: server.requests,
      },
      checks: [{ target: "durable overhead per step", value: perStep, limit: 5, unit: "ms", applies }],
    };
  } finally {
    await server.close();
    project.remove();
  }
}

function itemsFile(count) {
  return `${Array.from({ length: count }, (_, index) => JSON.stringify(`item ${index + 1}`)).join("\n")}\n`;
}

/** The item durations in a batch's results file. */
function itemDurations(run) {
  const durations = readFileSync(run.results, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).durationMs);
  return summarize(durations);
}
