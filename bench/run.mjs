// `npm run bench`: measures what llm-do adds around the model (see bench/findings.md).
//   node bench/run.mjs            all scenarios at the sizes; writes bench/results.md
//   node bench/run.mjs --quick    smaller sizes, under a minute (CI smoke); prints the report
//   node bench/run.mjs --smoke    tiny sizes (the vitest smoke test)
// Options: --only=perCallOverhead,coldStart,...  --out=FILE (Markdown)  --json=FILE (raw figures).
// Every scenario runs its workloads in fresh Node processes; dist/ must be built.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { describeMachine } from "./lib/machine.mjs";
import { profiles } from "./lib/profiles.mjs";
import { renderResults } from "./lib/render-results.mjs";
import { measureColdStart } from "./scenarios/cold-start.mjs";
import { measureCost } from "./scenarios/cost.mjs";
import { measureDurableBatch } from "./scenarios/durable-batch.mjs";
import { measureFanOut } from "./scenarios/fan-out.mjs";
import { measureLargeToolOutput } from "./scenarios/large-tool-output.mjs";
import { measurePerCallOverhead } from "./scenarios/per-call-overhead.mjs";
import { measureReplayLarge } from "./scenarios/replay-large.mjs";
import { measureScaleOut } from "./scenarios/scale-out.mjs";
import { measureStreaming } from "./scenarios/streaming.mjs";

const scenarios = {
  perCallOverhead: measurePerCallOverhead,
  coldStart: measureColdStart,
  fanOut: measureFanOut,
  streaming: measureStreaming,
  largeToolOutput: measureLargeToolOutput,
  cost: measureCost,
  replayLarge: measureReplayLarge,
  durableBatch: measureDurableBatch,
  scaleOut: measureScaleOut,
};

function parseArguments(argv) {
  const options = { mode: "full", only: Object.keys(scenarios), out: undefined, json: undefined };
  for (const argument of argv) {
    const [flag, value] = argument.split("=", 2);
    if (flag === "--quick" || flag === "--smoke") options.mode = flag.slice(2);
    else if (flag === "--only" && value) options.only = value.split(",");
    else if (flag === "--out" && value) options.out = value;
    else if (flag === "--json" && value) options.json = value;
    else
      throw new Error(`bench: unknown argument ${argument} (use --quick, --smoke, --only=, --out=, --json=)`);
  }
  const unknown = options.only.filter((name) => !(name in scenarios));
  if (unknown.length > 0) {
    throw new Error(
      `bench: unknown scenario ${unknown.join(", ")} (available: ${Object.keys(scenarios).join(", ")})`,
    );
  }
  options.out ??= options.mode === "full" ? new URL("./results.md", import.meta.url).pathname : undefined;
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    throw new Error("bench: dist/ is missing; run `npm run build` first (npm run bench does)");
  }
  const machine = describeMachine();
  console.log(
    `llm-do bench (${options.mode}), Node ${machine.node}, ${machine.cpu}, load ${machine.loadAverage.join(" ")}`,
  );
  const results = {};
  for (const name of options.only) {
    const started = Date.now();
    console.log(`${name}...`);
    results[name] = await scenarios[name](profiles[options.mode][name], (line) => console.log(line));
    for (const check of results[name].checks) {
      const verdict = !check.applies ? "n/a" : check.value <= check.limit ? "met" : "MISSED";
      console.log(
        `  ${check.target}: ${check.value.toFixed(2)} ${check.unit} (limit ${check.limit}) ${verdict}`,
      );
    }
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  const findingsFile = new URL("./findings.md", import.meta.url);
  const report = {
    mode: options.mode,
    machine,
    loadAfter: os.loadavg().map((value) => Number(value.toFixed(2))),
    results,
    findings:
      options.mode === "full" && existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : undefined,
  };
  const markdown = renderResults(report);
  if (options.out) {
    writeFileSync(options.out, markdown);
    console.log(`wrote ${options.out}`);
  } else if (options.mode === "quick") {
    console.log(`\n${markdown}`);
  }
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
