/**
 * @module Runs a Node script in a fresh child process and measures it from outside: wall time
 * from spawn to exit, and peak RSS and CPU time (reported by a preload at the child's exit).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const preload = new URL("./peak-rss-preload.mjs", import.meta.url).href;
const STDERR_TAIL_BYTES = 64 * 1024;

/**
 * @typedef {object} MeasuredProcess
 * @property {number} wallMs From `spawn()` to the `exit` event.
 * @property {number} peakRssBytes The child's peak RSS (ru_maxrss).
 * @property {number} cpuMs The child's CPU time, user + system, all threads.
 * @property {number | null} code The exit code.
 * @property {number} stdoutBytes
 * @property {number} stderrBytes
 * @property {string} stdout Kept only with `keepOutput` (else "").
 * @property {string} stderr The last 64 KiB or so of stderr (for error messages).
 */

/**
 * Spawns `node --import <peak preload> ...args` and waits for it to exit. Output is drained
 * (and counted) through pipes, as a terminal or a log collector would.
 * @param {readonly string[]} args Node arguments: the script and its arguments, or `-e`, code.
 * @param {{ cwd?: string, env?: Record<string, string>, keepOutput?: boolean, timeoutMs?: number }} [options]
 * @returns {Promise<MeasuredProcess>}
 */
export async function spawnMeasured(args, options = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "llm-do-bench-peak-"));
  const peakFile = path.join(scratch, "peak");
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", preload, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: {
        PATH: process.env.PATH ?? "",
        ...(process.env.LLM_DO_BENCH_PROFILE
          ? { LLM_DO_BENCH_PROFILE: process.env.LLM_DO_BENCH_PROFILE }
          : {}),
        ...options.env,
        LLM_DO_BENCH_PEAK_FILE: peakFile,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = { stdoutBytes: 0, stderrBytes: 0, stdout: [], stderrTail: [], stderrTailBytes: 0 };
    child.stdout.on("data", (chunk) => {
      output.stdoutBytes += chunk.length;
      if (options.keepOutput) output.stdout.push(chunk);
    });
    // Only the tail is kept, in O(1) per chunk: a streaming child writes tens of thousands of
    // small chunks, and a parent slow to drain the pipe would slow the child down.
    child.stderr.on("data", (chunk) => {
      output.stderrBytes += chunk.length;
      output.stderrTail.push(chunk);
      output.stderrTailBytes += chunk.length;
      while (output.stderrTailBytes - output.stderrTail[0].length >= STDERR_TAIL_BYTES) {
        output.stderrTailBytes -= output.stderrTail.shift().length;
      }
    });
    const timeout = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    const [exit] = await Promise.all([
      new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("exit", (code) => resolve({ code, wallMs: performance.now() - started }));
      }),
      new Promise((resolve) => child.on("close", resolve)),
    ]);
    clearTimeout(timeout);
    return {
      wallMs: exit.wallMs,
      ...JSON.parse(readFileSync(peakFile, "utf8")),
      code: exit.code,
      stdoutBytes: output.stdoutBytes,
      stderrBytes: output.stderrBytes,
      stdout: Buffer.concat(output.stdout).toString("utf8"),
      stderr: Buffer.concat(output.stderrTail).toString("utf8"),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs a workload script (`bench/workloads/*.mjs`) in a fresh process and returns the JSON it
 * prints as its last stdout line, with the process's wall time and peak RSS.
 * @param {string} script A path under bench/workloads.
 * @param {Record<string, unknown>} settings Passed as one JSON argument.
 * @param {readonly string[]} [nodeOptions] Node flags, e.g. `--expose-gc`.
 * @returns {Promise<{ result: any, process: MeasuredProcess }>}
 */
export async function runWorkload(script, settings, nodeOptions = []) {
  const measured = await spawnMeasured([...nodeOptions, script, JSON.stringify(settings)], {
    keepOutput: true,
  });
  if (measured.code !== 0) {
    throw new Error(`${path.basename(script)} exited with ${measured.code}:\n${measured.stderr}`);
  }
  const lastLine = measured.stdout.trimEnd().split("\n").at(-1) ?? "";
  return { result: JSON.parse(lastLine), process: measured };
}
