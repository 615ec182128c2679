/**
 * @module The results as Markdown: the machine, the targets met or missed, a table per
 * scenario, and the hand-written findings (`bench/findings.md`).
 */
import { mb, ms, ratio, size, spread } from "./format.mjs";

/** @param {string[]} header @param {string[][]} rows */
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const mbOf = (summary) => spread(summary, mb);
const msOf = (summary) => spread(summary, ms);

function perCallSection({ settings, measured }) {
  const { wall, cpu } = measured;
  const ratioCell = ({ ratio: value, rounds }) =>
    `${ratio(value)} (${ratio(rounds.min)}-${ratio(rounds.max)})`;
  const row = (label, name) => [
    label,
    msOf(wall.perStep[name]),
    msOf(cpu.perStep[name]),
    name === "bare" ? "1" : ratioCell(wall.ratios[name]),
    name === "bare" ? "1" : ratioCell(cpu.ratios[name]),
  ];
  const labels = {
    bare: "bare AI SDK `streamText`",
    bareGenerate: "bare AI SDK `generateText` (the model answers all at once)",
    llmDo: "llm-do `run()`",
    llmDoJson: "llm-do `run()` + every event JSON-encoded",
  };
  return [
    `### 1. Per-call overhead (${settings.toolCalls} sequential tool calls + answer = ${measured.steps} steps, ${settings.pairs} rounds after ${settings.warmups} warm-up)`,
    "",
    table(
      ["loop", "wall ms per step", "CPU ms per step", "wall ratio to bare `streamText`", "CPU ratio"],
      Object.entries(labels)
        .filter(([name]) => wall.perStep[name])
        .map(([name, label]) => row(label, name)),
    ),
    "",
    `Ratios: of the medians, then the range of the round-by-round ratios. The events of one run come to ${(measured.eventBytesPerRun / 1024).toFixed(0)} KB of JSON.`,
  ].join("\n");
}

function coldStartSection({ settings, measured }) {
  return [
    `### 2. Cold start (${settings.runs} runs after ${settings.warmupRuns} warm-up, interleaved)`,
    "",
    table(
      ["command", "wall ms", "CPU ms", "peak RSS MB"],
      measured.commands.map((row) => [row.label, msOf(row.wallMs), msOf(row.cpuMs), mbOf(row.peakRssBytes)]),
    ),
  ].join("\n");
}

function fanOutSection({ settings, measured }) {
  const row = (label, side) => [
    label,
    msOf(side.wallMs),
    msOf(side.cpuMs),
    mbOf(side.peakRssBytes),
    mbOf(side.rssBeforeBytes),
  ];
  return [
    `### 3. Fan-out (${settings.calls} parallel sub-worker calls, ${settings.runs} fresh processes after ${settings.warmupRuns} warm-up)`,
    "",
    table(
      ["", "wall ms", "CPU ms", "peak RSS MB (process)", "RSS MB before the run"],
      [
        row("llm-do", measured.llmDo),
        row("bare AI SDK, nested `streamText` loops", measured.bare),
        ...(measured.bareGenerate
          ? [row("bare AI SDK, nested `generateText` loops (answers all at once)", measured.bareGenerate)]
          : []),
      ],
    ),
    "",
    `llm-do / bare \`streamText\`: wall time ${ratio(measured.wallRatio)}, CPU time ${ratio(measured.cpuRatio)}.`,
  ].join("\n");
}

function streamingSection({ settings, measured }) {
  const answer = size(settings.bytes);
  return [
    `### 4. Streaming (${answer} answer in ${settings.chunkSize}-character deltas from a local Anthropic-style server, ${settings.runs} runs after ${settings.warmupRuns} warm-up)`,
    "",
    table(
      [
        "command",
        "wall ms, 1 KB",
        `wall ms, ${answer}`,
        `CPU ms, ${answer}`,
        "MB/s",
        "peak MB, 1 KB",
        `peak MB, ${answer}`,
        "extra MB per MB",
      ],
      Object.entries(measured).map(([mode, row]) => [
        mode,
        msOf(row.wallMs.small),
        msOf(row.wallMs.large),
        msOf(row.cpuMs.large),
        row.throughputMBps.toFixed(2),
        mbOf(row.peakRssBytes.small),
        mbOf(row.peakRssBytes.large),
        (row.extraPeakRssBytes / settings.bytes).toFixed(1),
      ]),
    ),
    "",
    ...(Object.values(measured)[0]?.liveHeap
      ? [
          "Live heap: the heap still in use right after a garbage collection, forced every 5 ms in a separate run per size. The median of a run's samples is its steady state while it streams; the peak adds brief moments such as the end, when the whole answer is written out. MB, median / peak:",
          "",
          table(
            [
              "command",
              ...Object.values(measured)[0].liveHeap.map(({ bytes }) => `${size(bytes)} answer`),
              `growth per MB of answer, ${size(settings.bytes)} to ${size(settings.flatBytes)}: median / peak`,
            ],
            Object.entries(measured).map(([mode, row]) => [
              mode,
              ...row.liveHeap.map(({ median, peak }) => `${mb(median)} / ${mb(peak)}`),
              `${row.liveHeapGrowthPerByte.median.toFixed(2)} / ${row.liveHeapGrowthPerByte.peak.toFixed(2)}`,
            ]),
          ),
        ]
      : []),
  ].join("\n");
}

function largeToolOutputSection({ settings, measured }) {
  const cells = (pick) => measured.dataSets.map(pick);
  return [
    `### 5. Large tool output (\`read_file\` pages of 20,000 chars at the start, middle and end of the file; \`list_files\` of a tree; ${settings.runs} runs after ${settings.warmupRuns} warm-up)`,
    "",
    table(
      ["figure", ...cells((set) => `${size(set.fileBytes)} file, ${set.treeFiles} files`)],
      [
        ["`read_file`, ms per page", ...cells((set) => msOf(set.readMsPerPage))],
        ["`list_files`, ms", ...cells((set) => msOf(set.listMs))],
        ["`list_files` result, KB of JSON", ...cells((set) => (set.listJsonBytes / 1024).toFixed(0))],
        ["whole run, ms", ...cells((set) => msOf(set.wallMs))],
        ["RSS before the run, MB", ...cells((set) => mbOf(set.rssBeforeBytes))],
        ["peak RSS of the process, MB", ...cells((set) => mbOf(set.peakRssBytes))],
      ],
    ),
    "",
    `Extra peak RSS per extra byte of file: ${measured.peakGrowthPerFileByte.toFixed(3)}.`,
  ].join("\n");
}

function costSection({ settings, measured }) {
  const row = (label, run) => [
    label,
    `$${run.billedUsd.toFixed(5)}`,
    `$${run.reportedUsd.toFixed(5)}`,
    String(run.billedTokens.input),
    String(run.billedTokens.cacheRead),
    String(run.billedTokens.cacheWrite),
    String(run.billedTokens.output),
    run.breakpointsPerRequest.join(" "),
  ];
  return [
    `### 6. What a task costs (a ${settings.steps}-step tool loop, about ${settings.instructionTokens} tokens of instructions, claude-haiku-4-5 prices, a local server that simulates Anthropic's prefix cache)`,
    "",
    table(
      [
        "run",
        "billed",
        "llm-do reported",
        "uncached input tokens",
        "cache read",
        "cache write",
        "output",
        "breakpoints per request",
      ],
      [row("prompt caching (default)", measured.cached), row("`prompt_cache: off`", measured.uncached)],
    ),
    "",
    `With caching the loop costs ${ratio(measured.costRatio)}x; llm-do's estimate is within ${(measured.estimateError * 100).toFixed(2)}% of the bill.`,
  ].join("\n");
}

function replayLargeSection({ measured }) {
  const [first] = measured.dataSets;
  return [
    "### 7. Replay of a large recording (`--model replay:FILE`; each phase once, in a fresh process)",
    "",
    table(
      ["data set", ...first.phases.map((phase) => phase.label)],
      measured.dataSets.flatMap((set) => {
        const name = `${set.shape}: ${set.calls} writers of ${size(set.size)}`;
        return [
          [`${name}, wall ms`, ...set.phases.map((phase) => ms(phase.wallMs))],
          [`${name}, CPU ms`, ...set.phases.map((phase) => ms(phase.cpuMs))],
          [`${name}, peak RSS MB`, ...set.phases.map((phase) => mb(phase.peakRssBytes))],
          [
            `${name}, recording`,
            ...set.phases.map((phase) => (phase.recordingBytes ? size(phase.recordingBytes) : "")),
          ],
        ];
      }),
    ),
    "",
    `Extra peak RSS of the YAML replay over the scripted run, per byte of recording: ${measured.dataSets.map((set) => `${set.shape} ${set.extraPeakPerRecordingByte.toFixed(2)}`).join(", ")}.`,
  ].join("\n");
}

function durableBatchSection({ settings, measured }) {
  const row = (label, side) => [label, ms(side.wallMs), ms(side.cpuMs), mb(side.peakRssBytes)];
  const { itemMs } = measured;
  return [
    `### 8. Durable batch (${settings.items} items of a worker with two tool steps, ${settings.concurrency} at a time, a local server that answers at once)`,
    "",
    table(
      ["batch", "wall ms", "CPU ms (llm-do)", "peak RSS MB (llm-do)"],
      [row("`--no-durable`", measured.plain), row("durable (llm-do's own Postgres)", measured.durable)],
    ),
    "",
    `Per item, one at a time (${settings.serialItems} items): ${spread(itemMs.plain, ms)} ms plain, ${spread(itemMs.durable, ms)} ms durable; the durable overhead per step (3 model requests and 2 tool calls an item, the workflow's start and end included) is ${ms(measured.overheadPerStepMs)} ms. In the batch of ${settings.items}, ${settings.concurrency} at a time, durability added ${ms(measured.concurrentOverheadPerStepMs)} ms of wall time per step. The first durable batch of a project (initdb and the DBOS tables, 2 items) took ${ms(measured.firstDurableBatchMs)} ms. Postgres runs in its own processes, not counted in the RSS above.`,
  ].join("\n");
}

function scaleOutSection({ settings, measured }) {
  const row = (label, side) => [label, ms(side.wallMs), side.itemsPerSecond.toFixed(1)];
  const { limited } = measured;
  return [
    `### 9. Scale-out (${settings.items} durable items of a worker with two tool steps, ${settings.concurrency} at a time per process, llm-do's own Postgres)`,
    "",
    table(
      ["processes", "wall ms", "items/s"],
      [
        row("one (`llm-do batch`)", measured.oneProcess),
        row("two (`llm-do batch` + `llm-do runner`)", measured.twoProcesses),
      ],
    ),
    "",
    `A rate limit of ${settings.limit} requests per ${settings.periodSec} s over two processes (${limited.requests} requests, one an item): ${limited.achievedPerSecond.toFixed(2)} requests/s after the first period, ${((limited.achievedPerSecond / limited.allowedPerSecond) * 100).toFixed(1)}% of the ${limited.allowedPerSecond.toFixed(2)}/s allowed; at most ${limited.mostInPeriod} arrived within any 90% of a period.`,
  ].join("\n");
}

const sections = {
  perCallOverhead: perCallSection,
  coldStart: coldStartSection,
  fanOut: fanOutSection,
  streaming: streamingSection,
  largeToolOutput: largeToolOutputSection,
  cost: costSection,
  replayLarge: replayLargeSection,
  durableBatch: durableBatchSection,
  scaleOut: scaleOutSection,
};

function checksTable(results) {
  const rows = Object.values(results).flatMap((result) =>
    result.checks.map((check) => {
      const value =
        check.unit === "x" || check.unit === "MB/MB" || check.unit === "%"
          ? check.value.toFixed(2)
          : ms(check.value);
      const verdict = !check.applies
        ? "n/a (smaller sizes)"
        : check.value <= check.limit
          ? "met"
          : "**missed**";
      return [check.target, `<= ${check.limit} ${check.unit}`, `${value} ${check.unit}`, verdict];
    }),
  );
  return table(["target", "limit", "measured (median)", ""], rows);
}

/**
 * @param {{ mode: string, machine: ReturnType<typeof import("./machine.mjs").describeMachine>,
 *   loadAfter: number[], results: Record<string, import("../scenarios/scenario-result.mjs").ScenarioResult>,
 *   findings?: string }} report
 */
export function renderResults(report) {
  const { machine } = report;
  return [
    "# llm-do benchmark results",
    "",
    "Generated by `npm run bench`" +
      (report.mode === "full" ? "" : ` (\`--${report.mode}\`: smaller sizes)`) +
      ". The model is scripted (in-process mock, or a local server), so only the harness is measured.",
    "",
    `- Date: ${machine.date}`,
    `- Node: ${machine.node}`,
    `- Machine: ${machine.cpu}, ${machine.memoryGb} GB, ${machine.platform}`,
    `- Load average (1, 5, 15 min): ${machine.loadAverage.join(", ")} at the start, ${report.loadAfter.join(", ")} at the end`,
    "",
    "Figures are `median (min-max)`.",
    "",
    "## Targets",
    "",
    checksTable(report.results),
    "",
    "## Scenarios",
    "",
    ...Object.entries(report.results).flatMap(([name, result]) => [sections[name](result), ""]),
    ...(report.findings ? [report.findings.trim(), ""] : []),
  ].join("\n");
}
