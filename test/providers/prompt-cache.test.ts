/**
 * Prompt caching through the real CLI and the real Anthropic provider, against a local server
 * that simulates Anthropic's prefix cache from the breakpoints each request marks
 * (bench/lib/anthropic-cache-server.mjs): a 12-step tool loop with long instructions.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAnthropicCacheServer } from "../../bench/lib/anthropic-cache-server.mjs";
import { type TempProject, tempProject } from "../../src/testing/index.js";
import { runCli } from "../cli/run-cli.js";

const STEPS = 12;
// claude-haiku-4-5, per million tokens (data/model-prices.json).
const RATES = { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 };
const FILES = Array.from({ length: STEPS - 1 }, (_, index) => `notes/${index + 1}.txt`);

/** About 6,000 tokens of instructions (the server counts 4 characters a token). */
const INSTRUCTIONS = Array.from(
  { length: 600 },
  (_, index) => `Rule ${index}: read carefully, quote exactly, and note what is new.`,
).join("\n");

interface JsonRecord {
  type: string;
  usage?: { inputTokens: number; cacheReadTokens: number; cacheWriteTokens: number; outputTokens: number };
  cost?: { usd: number };
}

async function project(promptCache?: string): Promise<TempProject> {
  const files: Record<string, string> = {
    "main.worker": `---\nname: main\nmodel: anthropic:claude-haiku-4-5\n${promptCache ? `prompt_cache: ${promptCache}\n` : ""}toolsets:\n  filesystem: {}\n---\n${INSTRUCTIONS}\n`,
  };
  for (const [index, file] of FILES.entries())
    files[file] = `Note ${index + 1}. ${"Something to remember. ".repeat(40)}`;
  return tempProject(files);
}

async function runLoop(promptCache?: string, extraArgs: string[] = []) {
  const dir = await project(promptCache);
  const server = await startAnthropicCacheServer({ steps: STEPS, files: FILES, rates: RATES });
  cleanups.push(
    () => server.close(),
    () => dir.remove(),
  );
  const result = await runCli(["main.worker", "Read every note.", "--json", ...extraArgs], {
    cwd: dir.dir,
    env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" },
  });
  expect(result.code, result.stderr).toBe(0);
  const records = result.stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as JsonRecord);
  const responses = records.filter((record) => record.type === "model-response");
  const runEnd = records.find((record) => record.type === "run-end")!;
  const cost = responses.reduce((sum, record) => sum + (record.cost?.usd ?? Number.NaN), 0);
  return { server, responses, runEnd, cost, dir };
}

const cleanups: Array<() => Promise<unknown>> = [];
const cleanUp = async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
};
afterAll(cleanUp);

describe("prompt caching on Anthropic (a simulated prefix cache)", () => {
  // The same 12-step loop with the cache (the default) and without, run side by side.
  let cached: Awaited<ReturnType<typeof runLoop>>;
  let uncached: Awaited<ReturnType<typeof runLoop>>;
  beforeAll(async () => {
    [cached, uncached] = await Promise.all([runLoop(), runLoop("off")]);
  });

  test("every request marks breakpoints (at most 4), and each after the first reads the cache", () => {
    expect(cached.server.requests).toHaveLength(STEPS);
    for (const request of cached.server.requests) {
      expect(request.breakpoints).toBeGreaterThanOrEqual(2);
      expect(request.breakpoints).toBeLessThanOrEqual(4);
      expect(request.ttls.every((ttl) => ttl === "5m")).toBe(true);
    }
    // The first request writes the instructions; every later one reads at least them.
    expect(cached.server.requests[0]!.usage.cacheWrite).toBeGreaterThan(5000);
    for (const request of cached.server.requests.slice(1))
      expect(request.usage.cacheRead).toBeGreaterThan(5000);
  });

  test("the usage and cost llm-do reports are what the server billed", () => {
    const usage = cached.runEnd.usage!;
    const billed = cached.server.billed;
    expect(usage.inputTokens).toBe(billed.input + billed.cacheRead + billed.cacheWrite);
    expect(usage.cacheReadTokens).toBe(billed.cacheRead);
    expect(usage.cacheWriteTokens).toBe(billed.cacheWrite);
    expect(usage.outputTokens).toBe(billed.output);
    expect(Math.abs(cached.cost - cached.server.bill()) / cached.server.bill()).toBeLessThan(0.05);
  });

  test("prompt_cache: off marks nothing; with the cache the loop costs at most 0.35x", () => {
    expect(uncached.server.requests.every((request) => request.breakpoints === 0)).toBe(true);
    expect(uncached.server.billed.cacheRead).toBe(0);
    expect(uncached.runEnd.usage!.cacheReadTokens).toBe(0);
    expect(Math.abs(uncached.cost - uncached.server.bill()) / uncached.server.bill()).toBeLessThan(0.05);
    expect(cached.cost / uncached.cost).toBeLessThanOrEqual(0.35);
  });

  test("the 1-hour lifetime is asked for, and its writes priced at the 1-hour rate", async () => {
    const hour = await runLoop("1h");
    expect(new Set(hour.server.requests.flatMap((request) => request.ttls))).toEqual(new Set(["1h"]));
    const { cacheRead, cacheWrite, input, output } = hour.server.billed;
    const expected = (input * 1 + cacheRead * 0.1 + cacheWrite * 2 + output * 5) / 1_000_000;
    expect(hour.cost).toBeCloseTo(expected, 8);
  });
});

describe("prompt caching and recordings", () => {
  test("a run recorded with breakpoints replays without drift, cache usage included", async () => {
    const recorded = await runLoop(undefined, ["--record", "run.replay"]);
    const replay = await runCli(
      ["main.worker", "Read every note.", "--model", "replay:run.replay", "--json"],
      {
        cwd: recorded.dir.dir,
      },
    );
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stderr).not.toContain("replay-drift");
    const runEnd = replay.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as JsonRecord)
      .find((record) => record.type === "run-end")!;
    expect(runEnd.usage).toEqual(recorded.runEnd.usage);
  });
});
