// Preloaded with `node --import` into measured child processes: at exit, writes the process's
// peak resident set size in bytes (getrusage's ru_maxrss) and its CPU time (user + system, all
// threads) in milliseconds, as JSON, to the file named by LLM_DO_BENCH_PEAK_FILE. Pure Node, so
// it works where /usr/bin/time is not installed.
//
// With LLM_DO_BENCH_LIVE_HEAP=<ms> it also collects garbage every <ms> milliseconds and reports
// the heap still in use right after each collection: what the process holds on to, without the
// garbage that peak RSS also counts. `peakLiveHeapBytes` is the most of these samples,
// `medianLiveHeapBytes` the median (the steady state, without brief peaks such as the end of a
// run). The forced collections slow the process, so such a run is for memory only.
import { writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const file = process.env.LLM_DO_BENCH_PEAK_FILE;
const liveHeapEveryMs = Number(process.env.LLM_DO_BENCH_LIVE_HEAP ?? 0);
let liveHeapSamples;
if (file && liveHeapEveryMs > 0) {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  liveHeapSamples = [];
  const sample = () => {
    gc();
    liveHeapSamples.push(process.memoryUsage().heapUsed);
  };
  setInterval(sample, liveHeapEveryMs).unref();
  process.on("exit", sample);
}
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const report = {
      peakRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      ...(liveHeapSamples ? liveHeapFigures(liveHeapSamples) : {}),
    };
    writeFileSync(file, JSON.stringify(report));
  });
}

/** @param {number[]} samples */
function liveHeapFigures(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { peakLiveHeapBytes: sorted.at(-1), medianLiveHeapBytes: sorted[Math.floor(sorted.length / 2)] };
}
