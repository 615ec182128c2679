// Preloaded with `node --import` into measured child processes: at exit, writes the process's
// peak resident set size in bytes (getrusage's ru_maxrss) and its CPU time (user + system, all
// threads) in milliseconds, as JSON, to the file named by LLM_DO_BENCH_PEAK_FILE. Pure Node, so
// it works where /usr/bin/time is not installed.
import { writeFileSync } from "node:fs";

const file = process.env.LLM_DO_BENCH_PEAK_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const report = {
      peakRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    };
    writeFileSync(file, JSON.stringify(report));
  });
}
