/**
 * @module Scenario 5: paging through a large file with `read_file` and listing a large tree with
 * `list_files`, through a worker run in a fresh process: time per call and peak memory, with the
 * full-size file and with a tenth of it (memory is bounded when it does not grow with the file).
 */
import { mb, ms, size } from "../lib/format.mjs";
import { createLargeTree } from "../lib/large-tree.mjs";
import { runWorkload } from "../lib/spawn-measured.mjs";
import { summarize } from "../lib/summarize.mjs";

const workload = new URL("../workloads/large-tool-output.mjs", import.meta.url).pathname;

/**
 * Runs the workload `runs` times (after `warmupRuns`) over one data set.
 * @param {{ fileBytes: number, treeFiles: number, pages: number, runs: number, warmupRuns: number }} settings
 * @param {(line: string) => void} log
 */
async function measureDataSet(settings, log) {
  const project = createLargeTree(settings);
  try {
    const samples = [];
    for (let round = 0; round < settings.warmupRuns + settings.runs; round++) {
      const { result } = await runWorkload(
        workload,
        { dir: project.dir, fileChars: settings.fileBytes, pages: settings.pages },
        ["--expose-gc"],
      );
      const measured = round >= settings.warmupRuns;
      log(
        `  ${size(settings.fileBytes)}: read_file ${result.readMs.map(ms).join("/")} ms per page, list_files (${settings.treeFiles} files) ${ms(result.listMs)} ms, peak ${mb(result.peakRssBytes)} MB${measured ? "" : " (warm-up)"}`,
      );
      if (measured) samples.push(result);
    }
    return {
      fileBytes: settings.fileBytes,
      treeFiles: settings.treeFiles,
      readMsPerPage: summarize(samples.flatMap((sample) => sample.readMs)),
      listMs: summarize(samples.map((sample) => sample.listMs)),
      listJsonBytes: samples[0].listJsonBytes,
      wallMs: summarize(samples.map((sample) => sample.wallMs)),
      rssBeforeBytes: summarize(samples.map((sample) => sample.rssBeforeBytes)),
      peakRssBytes: summarize(samples.map((sample) => sample.peakRssBytes)),
    };
  } finally {
    project.remove();
  }
}

/**
 * @param {{ fileBytes: number, treeFiles: number, pages: number, runs: number, warmupRuns: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureLargeToolOutput(settings, log) {
  const tenth = { ...settings, fileBytes: Math.round(settings.fileBytes / 10) };
  const dataSets = [await measureDataSet(tenth, log), await measureDataSet(settings, log)];
  const [small, large] = dataSets;
  const growth =
    (large.peakRssBytes.median - small.peakRssBytes.median) / (large.fileBytes - small.fileBytes);
  return {
    settings,
    measured: { dataSets, peakGrowthPerFileByte: growth },
    checks: [
      {
        target: "large file: extra peak RSS per extra byte of file",
        value: growth,
        // Bounded: ten times the file must not mean (anywhere near) ten times the memory.
        limit: 0.25,
        unit: "x",
        applies: settings.fileBytes >= 50 * 1024 * 1024,
      },
    ],
  };
}
