import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { freshDatabaseUrl } from "../support/test-postgres.js";

const RUN = fileURLToPath(new URL("../../bench/run.mjs", import.meta.url));

interface Check {
  target: string;
  value: number;
  limit: number;
  unit: string;
  applies: boolean;
}

interface Report {
  mode: string;
  machine: { node: string; loadAverage: number[] };
  results: Record<string, { settings: Record<string, unknown>; measured: unknown; checks: Check[] }>;
}

/** Every number in a JSON value (the measured figures), with its path. */
function numbersIn(value: unknown, at = "measured"): Array<[string, number]> {
  if (typeof value === "number") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${at}[${index}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${at}.${key}`));
  }
  return [];
}

function runBench(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

// Checks that the benchmark runs and produces figures, not what the figures are: timings on a
// shared CI machine say nothing. One test per scenario, at tiny sizes. The streaming scenario
// spawns twenty processes even at its smallest (four commands, timed and live-heap runs), and
// the replay scenario ten (five phases of two data sets), so they are left to `.ci/run`, which
// runs every scenario with `npm run bench -- --quick` and fails when one fails.
describe("npm run bench (smoke sizes)", () => {
  const scratch = mkdtemp(path.join(tmpdir(), "llm-do-bench-test-"));
  afterAll(async () => rm(await scratch, { recursive: true, force: true }));

  test.each(["perCallOverhead", "coldStart", "fanOut", "largeToolOutput", "cost", "durableBatch"])(
    "%s completes and reports finite figures",
    // Each spawns several processes: a few seconds alone, more when the machine is busy.
    { timeout: 60_000 },
    async (scenario) => {
      const dir = await scratch;
      const json = path.join(dir, `${scenario}.json`);
      const markdown = path.join(dir, `${scenario}.md`);
      // The durable batch runs on the tests' Postgres rather than creating one (initdb) here.
      const env: Record<string, string> =
        scenario === "durableBatch" ? { LLM_DO_DATABASE_URL: await freshDatabaseUrl() } : {};
      const { code, output } = await runBench(
        ["--smoke", `--only=${scenario}`, `--json=${json}`, `--out=${markdown}`],
        env,
      );
      expect(code, output).toBe(0);

      const report = JSON.parse(await readFile(json, "utf8")) as Report;
      expect(report.mode).toBe("smoke");
      expect(Object.keys(report.results)).toEqual([scenario]);
      const result = report.results[scenario]!;
      const numbers = numbersIn(result.measured);
      expect(numbers.length).toBeGreaterThan(0);
      for (const [at, value] of numbers) expect(Number.isFinite(value), at).toBe(true);
      expect(result.checks.length).toBeGreaterThan(0);
      for (const check of result.checks) expect(Number.isFinite(check.value), check.target).toBe(true);

      const text = await readFile(markdown, "utf8");
      expect(text).toContain(`Node: ${report.machine.node}`);
      expect(text).toContain("## Targets");
    },
  );

  test("an unknown scenario is refused with the list of valid ones", async () => {
    const { code, output } = await runBench(["--only=nope"]);
    expect(code).not.toBe(0);
    expect(output).toContain("unknown scenario nope (available: perCallOverhead, coldStart");
  });
});
