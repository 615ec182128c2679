// Workload (run in a fresh process by bench/run.mjs): an orchestrator fans out to `calls`
// writer workers at once, each answering with `textBytes` of text, so the run's recording holds
// the texts twice (each writer's answer, and the orchestrator's next request carrying them as
// tool results). `phase` "script" runs it with in-memory models, "record" does the same with
// `record: FILE`, "replay" runs it from that file (`model: "replay:FILE"`). Prints one JSON line.
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { run } from "llm-do";
import { callThenAnswerModel, textParts } from "../lib/bench-models.mjs";
import { fillerText } from "../lib/filler-text.mjs";

const settings = {
  dir: "",
  calls: 10,
  textBytes: 1000,
  phase: "script",
  file: "large.replay",
  ...JSON.parse(process.argv[2] ?? "{}"),
};

function scriptedModels() {
  let writes = 0;
  const orchestrator = callThenAnswerModel(
    () =>
      Array.from({ length: settings.calls }, (_, index) => ({
        toolCallId: `writer-${index}`,
        toolName: "writer",
        input: { input: `part ${index}` },
      })),
    "all written",
  );
  const texts = new Map();
  const writer = callThenAnswerModel(() => [], "");
  writer.doStream = async () => {
    const index = writes++;
    // Each writer's text differs a little, as real answers do.
    if (!texts.has(index)) texts.set(index, `part ${index}\n${fillerText(settings.textBytes)}`);
    const parts = textParts(texts.get(index), 4096);
    return {
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  };
  return { "bench:main": orchestrator, "bench:writer": writer };
}

const phaseOptions = {
  script: () => ({ models: scriptedModels() }),
  record: () => ({ models: scriptedModels(), record: settings.file }),
  replay: () => ({ model: `replay:${settings.file}` }),
}[settings.phase];
if (!phaseOptions) throw new Error(`unknown phase ${settings.phase} (script, record, replay)`);

let writers = 0;
const started = performance.now();
const handle = run({
  files: ["main.worker", "writer.worker"],
  input: "Write every part.",
  cwd: settings.dir,
  env: {},
  ...phaseOptions(),
  onEvent: (event) => {
    if (event.type === "call-end" && event.name === "writer" && event.outcome === "ok") writers += 1;
  },
});
const result = await handle.result;
const wallMs = performance.now() - started;
if (result.output !== "all written") throw new Error(`unexpected answer: ${JSON.stringify(result.output)}`);
if (writers !== settings.calls) throw new Error(`${writers} of ${settings.calls} writers ended ok`);
const recordingBytes = settings.phase === "script" ? 0 : statSync(`${settings.dir}/${settings.file}`).size;
console.log(
  JSON.stringify({
    wallMs,
    recordingBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
