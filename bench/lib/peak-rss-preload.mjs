// Preloaded with `node --import` into measured child processes: at exit, writes the process's
// peak resident set size in bytes (getrusage's ru_maxrss) and its CPU time (user + system, all
// threads) in milliseconds, as JSON, to the file named by LLM_DO_BENCH_PEAK_FILE. Pure Node, so
// it works where /usr/bin/time is not installed.
//
// With LLM_DO_BENCH_LIVE_HEAP=<ms> it also collects garbage every <ms> milliseconds and reports
// the most heap that was still in use right after a collection (`peakLiveHeapBytes`): what the
// process holds on to, without the garbage that peak RSS also counts. The forced collections
// slow the process, so such a run is for memory only, not for timing.
import { writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const file = process.env.LLM_DO_BENCH_PEAK_FILE;
const liveHeapEveryMs = Number(process.env.LLM_DO_BENCH_LIVE_HEAP ?? 0);
let peakLiveHeapBytes;
if (file && liveHeapEveryMs > 0) {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  peakLiveHeapBytes = 0;
  const sample = () => {
    gc();
    peakLiveHeapBytes = Math.max(peakLiveHeapBytes, process.memoryUsage().heapUsed);
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
      ...(peakLiveHeapBytes === undefined ? {} : { peakLiveHeapBytes }),
    };
    writeFileSync(file, JSON.stringify(report));
  });
}
