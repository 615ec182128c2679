// Workload (run in a fresh process by bench/run.mjs): a worker pages through a large file with
// the built-in filesystem toolset's `read_file` (`offset`/`max_chars`) and lists a large
// directory tree with `list_files`. Prints one JSON line: per-call times from the call events,
// the sizes returned, and memory before and at peak.
import { performance } from "node:perf_hooks";
import { run } from "llm-do";
import { planModel } from "../lib/bench-models.mjs";

const settings = {
  dir: "",
  fileChars: 0,
  pageChars: 20_000,
  pages: 4,
  ...JSON.parse(process.argv[2] ?? "{}"),
};

/** The pages read: the first `pages - 2` in order, one from the middle and the last. */
function pageOffsets() {
  const { fileChars, pageChars, pages } = settings;
  const offsets = Array.from({ length: Math.max(pages - 2, 1) }, (_, index) => index * pageChars);
  offsets.push(Math.floor(fileChars / 2 / pageChars) * pageChars);
  offsets.push(Math.max(fileChars - pageChars, 0));
  return offsets;
}

const plan = [
  { toolName: "list_files", input: { path: "tree" } },
  ...pageOffsets().map((offset) => ({
    toolName: "read_file",
    input: { path: "big.txt", offset, max_chars: settings.pageChars },
  })),
];

globalThis.gc?.();
const rssBefore = process.memoryUsage().rss;
const calls = new Map();
const ended = [];
const started = performance.now();
const handle = run({
  files: ["main.worker"],
  input: "Read the file and list the tree.",
  models: { "bench:main": planModel(plan, "read it all") },
  cwd: settings.dir,
  env: {},
  onEvent: (event) => {
    if (event.type === "call-start" && event.kind === "tool") calls.set(event.callId, event.input);
    if (event.type === "call-end" && event.kind === "tool") {
      if (event.outcome !== "ok")
        throw new Error(`${event.name} ended ${event.outcome}: ${event.error?.message}`);
      ended.push({
        name: event.name,
        input: calls.get(event.callId),
        output: event.output,
        ms: event.durationMs,
      });
    }
  },
});
const result = await handle.result;
const wallMs = performance.now() - started;
if (result.output !== "read it all") throw new Error(`unexpected answer: ${JSON.stringify(result.output)}`);
if (ended.length !== plan.length) throw new Error(`${ended.length} of ${plan.length} tool calls ended`);

const reads = ended.filter((call) => call.name === "read_file");
const listing = ended.find((call) => call.name === "list_files");
for (const read of reads) {
  const expected = Math.min(settings.pageChars, settings.fileChars - read.input.offset);
  if (read.output.chars_read !== expected || read.output.total_chars !== settings.fileChars) {
    throw new Error(
      `read_file at ${read.input.offset}: ${read.output.chars_read} of ${read.output.total_chars} chars`,
    );
  }
}
console.log(
  JSON.stringify({
    wallMs,
    readMs: reads.map((read) => read.ms),
    pageChars: settings.pageChars,
    listMs: listing.ms,
    listedFiles: listing.output.length,
    listJsonBytes: JSON.stringify(listing.output).length,
    rssBeforeBytes: rssBefore,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
