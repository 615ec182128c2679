/**
 * @module CPU-profiles one section of a workload: set LLM_DO_BENCH_PROFILE to a directory, and
 * the measured section of each workload run is written there as a `.cpuprofile` (open it in
 * Chrome DevTools or VS Code). Start-up and warm-up are left out, unlike `node --cpu-prof`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";

/**
 * Starts profiling when LLM_DO_BENCH_PROFILE is set; the returned function stops and saves.
 * @param {string} name The file name's prefix.
 * @returns {Promise<() => Promise<void>>}
 */
export async function profileSection(name) {
  const directory = process.env.LLM_DO_BENCH_PROFILE;
  if (!directory) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(directory, { recursive: true });
    writeFileSync(path.join(directory, `${name}-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
