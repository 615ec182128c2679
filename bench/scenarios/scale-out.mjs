/**
 * @module Scenario 9 (issue 22): a durable batch shared by processes on one Postgres (llm-do's
 * own, under the project). The same batch of a worker with two tool steps on one process
 * (`llm-do batch` alone) and on two (`llm-do batch` and one `llm-do runner`), against a local
 * server that answers at once: wall time and items per second. Then a rate-limited batch (one
 * request an item) on two processes: the rate the server saw against the limit in llm-do.yaml,
 * and the most requests that arrived in any period (never above the limit).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import {
  anthropicTextStream,
  anthropicToolUseStream,
  startAnthropicLoopServer,
} from "../lib/anthropic-sse-server.mjs";
import { echoTwiceProject } from "../lib/bench-project.mjs";
import { ms } from "../lib/format.mjs";
import { spawnMeasured } from "../lib/spawn-measured.mjs";

const bin = new URL("../../bin/llm-do.js", import.meta.url).pathname;

/**
 * @param {{ items: number, concurrency: number, limitedItems: number, limit: number, periodSec: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureScaleOut(settings, log) {
  const loop = await startAnthropicLoopServer([
    anthropicToolUseStream("echo", { n: 1 }),
    anthropicToolUseStream("echo", { n: 2 }),
    anthropicTextStream("Done.", 32),
  ]);
  const timed = await startTimedServer(anthropicTextStream("Done.", 32));
  const project = echoTwiceProject();
  chmodSync(project.dir, 0o755);
  const envFor = (baseUrl) => ({
    HOME: project.dir,
    ANTHROPIC_BASE_URL: baseUrl,
    ANTHROPIC_API_KEY: "bench",
    ...(process.env.LLM_DO_DATABASE_URL ? { LLM_DO_DATABASE_URL: process.env.LLM_DO_DATABASE_URL } : {}),
  });
  const setLimits = (yaml) =>
    writeFileSync(
      path.join(project.dir, "llm-do.yaml"),
      `files: [main.worker, tools.ts]\nrate_limits:\n${yaml}`,
    );
  let runs = 0;
  /** Runs a batch of `items` with `runners` extra runner processes; resolves with its wall time. */
  const batch = async (items, runners, env) => {
    const name = `run-${++runs}`;
    writeFileSync(path.join(project.dir, `${name}.jsonl`), itemsFile(items));
    const started = await Promise.all(
      Array.from({ length: runners }, () => startRunner(project.dir, env, settings)),
    );
    try {
      const run = await spawnMeasured(
        [
          bin,
          "batch",
          "main.worker",
          "tools.ts",
          "--inputs",
          `${name}.jsonl`,
          "--out",
          `${name}.out.jsonl`,
          "--concurrency",
          String(settings.concurrency),
        ],
        { cwd: project.dir, env, timeoutMs: 900_000 },
      );
      if (run.code !== 0) throw new Error(`llm-do batch exited with ${run.code}:\n${run.stderr}`);
      return run.wallMs;
    } finally {
      for (const runner of started) runner.kill("SIGTERM");
      await Promise.all(started.map((runner) => once(runner, "close")));
    }
  };
  try {
    setLimits("  anthropic: off\n");
    const loopEnv = envFor(loop.baseUrl);
    // The project's Postgres created, and the items queue made, outside the measures.
    await batch(2, 0, loopEnv);
    const one = await batch(settings.items, 0, loopEnv);
    log(`  ${settings.items} items on one process: ${ms(one)} ms (${rate(settings.items, one)} items/s)`);
    const two = await batch(settings.items, 1, loopEnv);
    log(`  ${settings.items} items on two processes: ${ms(two)} ms (${rate(settings.items, two)} items/s)`);

    setLimits(`  anthropic: { requests: ${settings.limit}, period: ${settings.periodSec} }\n`);
    timed.times.length = 0;
    await batch(settings.limitedItems, 1, envFor(timed.baseUrl));
    const times = [...timed.times].sort((a, b) => a - b);
    const periodMs = settings.periodSec * 1000;
    const allowedPerSecond = settings.limit / settings.periodSec;
    // The first period's requests go at once; the rate is that of the others over the span.
    const spanMs = times.at(-1) - times[0];
    const achievedPerSecond = ((times.length - settings.limit) / spanMs) * 1000;
    // DBOS counts starts; a request arrives a little after its start: windows 10% shorter.
    const mostInPeriod = Math.max(
      ...times.map((start) => times.filter((time) => time >= start && time < start + periodMs * 0.9).length),
    );
    log(
      `  rate-limited (${settings.limit} per ${settings.periodSec} s, ${times.length} requests, two processes): ${achievedPerSecond.toFixed(2)}/s of ${allowedPerSecond.toFixed(2)}/s allowed (${((achievedPerSecond / allowedPerSecond) * 100).toFixed(1)}%), at most ${mostInPeriod} in a period`,
    );
    const applies = settings.items === 1000;
    return {
      settings,
      measured: {
        oneProcess: { wallMs: one, itemsPerSecond: (settings.items / one) * 1000 },
        twoProcesses: { wallMs: two, itemsPerSecond: (settings.items / two) * 1000 },
        limited: { requests: times.length, spanMs, achievedPerSecond, allowedPerSecond, mostInPeriod },
      },
      checks: [
        {
          target: "rate-limited run below 90% of the allowed rate",
          value: Math.max(0, 1 - achievedPerSecond / allowedPerSecond) * 100,
          limit: 10,
          unit: "% short",
          applies,
        },
        {
          target: "most requests in a period, over the limit",
          value: mostInPeriod - settings.limit,
          limit: 0,
          unit: "requests",
          applies: true,
        },
      ],
    };
  } finally {
    await loop.close();
    await timed.close();
    project.remove();
  }
}

/** Starts `llm-do runner` and resolves once it takes items. */
function startRunner(cwd, env, settings) {
  const child = spawn(
    process.execPath,
    [bin, "runner", "main.worker", "tools.ts", "--concurrency", String(settings.concurrency)],
    { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
      if (stderr.includes("takes items of")) resolve(child);
    });
    child.on("close", (code) => reject(new Error(`llm-do runner exited with ${code}:\n${stderr}`)));
  });
}

/** A server answering every request with `body` at once, noting when each arrived. */
async function startTimedServer(body) {
  const times = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      times.push(performance.now());
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.end(body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
    times,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

function itemsFile(count) {
  return `${Array.from({ length: count }, (_, index) => JSON.stringify(`item ${index + 1}`)).join("\n")}\n`;
}

function rate(items, wallMs) {
  return ((items / wallMs) * 1000).toFixed(1);
}
