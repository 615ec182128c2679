/**
 * @module Scenario 6: replaying a large recording (`--model replay:FILE`), each phase in a fresh
 * process: the run scripted in memory, recorded, and replayed from the recording, as YAML and as
 * JSON lines; wall and CPU time and peak RSS. Two shapes: long texts (few, large values) and
 * rows (many tiny values, where a YAML document model costs most).
 */

import { createBenchProject, workerFile } from "../lib/bench-project.mjs";
import { mb, ms, size } from "../lib/format.mjs";
import { runWorkload } from "../lib/spawn-measured.mjs";

const workload = new URL("../workloads/replay-large.mjs", import.meta.url).pathname;

const STORE_TOOLS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const store = toolset({
  save: tool({
    description: "Saves rows.",
    inputSchema: z.object({ rows: z.array(z.object({ n: z.number(), word: z.string() })) }),
    execute: ({ rows }) => \`saved \${rows.length} rows\`,
  }),
});
`;

const files = {
  "main.worker": workerFile({
    name: "main",
    model: "bench:main",
    toolsets: "  writer: {}",
    body: "Have every part written.",
  }),
  "writer.worker": workerFile({
    name: "writer",
    model: "bench:writer",
    toolsets: "  store: {}",
    body: "Write the part.",
  }),
  "tools.ts": STORE_TOOLS,
};

/** The phases, in order: the recording each replay reads was written by the phase before it. */
const PHASES = [
  { label: "scripted in memory", phase: "script", file: "large.replay" },
  { label: "record YAML", phase: "record", file: "large.replay" },
  { label: "replay YAML", phase: "replay", file: "large.replay" },
  { label: "record JSON lines", phase: "record", file: "large.jsonl" },
  { label: "replay JSON lines", phase: "replay", file: "large.jsonl" },
];

/**
 * @param {{ shape: string, calls: number, size: number }} dataSet
 * @param {(line: string) => void} log
 */
async function measureDataSet(dataSet, log) {
  const project = createBenchProject(files);
  try {
    const phases = [];
    for (const { label, phase, file } of PHASES) {
      const { result, process } = await runWorkload(workload, { dir: project.dir, ...dataSet, phase, file });
      phases.push({
        label,
        wallMs: process.wallMs,
        cpuMs: process.cpuMs,
        peakRssBytes: process.peakRssBytes,
        recordingBytes: result.recordingBytes,
      });
      log(
        `  ${dataSet.shape}, ${label}: ${ms(process.wallMs)} ms (CPU ${ms(process.cpuMs)} ms), peak ${mb(process.peakRssBytes)} MB${result.recordingBytes ? `, recording ${size(result.recordingBytes)}` : ""}`,
      );
    }
    const [script, , replay] = phases;
    return {
      ...dataSet,
      phases,
      extraPeakPerRecordingByte: (replay.peakRssBytes - script.peakRssBytes) / replay.recordingBytes,
    };
  } finally {
    project.remove();
  }
}

/**
 * @param {{ textCalls: number, textSize: number, rowCalls: number, rowSize: number }} settings
 * @param {(line: string) => void} log
 * @returns {Promise<import("./scenario-result.mjs").ScenarioResult>}
 */
export async function measureReplayLarge(settings, log) {
  const dataSets = [
    await measureDataSet({ shape: "text", calls: settings.textCalls, size: settings.textSize }, log),
    await measureDataSet({ shape: "rows", calls: settings.rowCalls, size: settings.rowSize }, log),
  ];
  const applies = dataSets.every((set) => set.phases[2].recordingBytes >= 20 * 1024 * 1024);
  return {
    settings,
    measured: { dataSets },
    checks: dataSets.map((set) => ({
      target: `replay of a large YAML recording (${set.shape}): extra peak RSS per byte of recording`,
      value: set.extraPeakPerRecordingByte,
      // Before: 7x (text) and 82x (rows); a YAML document model of the whole file, parsed 3 times.
      limit: 10,
      unit: "x",
      applies,
    })),
  };
}
