// Workload (run in a fresh process by bench/run.mjs): an orchestrator fans out to `calls`
// writer workers at once. `shape` "text": each writer answers with `size` characters of text,
// so the recording holds the texts twice (each writer's answer, and the orchestrator's next
// request carrying them as tool results). "rows": each writer first calls the tool `save` with
// rows of small values (`size` characters of YAML, thousands of tiny nodes), then answers.
// `phase` "script" runs it with in-memory models, "record" does the same with `record: FILE`,
// "replay" runs it from that file (`model: "replay:FILE"`). Prints one JSON line.
import { statSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { run } from "llm-do";
import { benchModel, callThenAnswerModel, textParts, toolCallParts } from "../lib/bench-models.mjs";
import { fillerText } from "../lib/filler-text.mjs";

const settings = {
  dir: "",
  calls: 10,
  size: 1000,
  shape: "text",
  phase: "script",
  file: "large.replay",
  ...JSON.parse(process.argv[2] ?? "{}"),
};

/** About `size` characters of YAML rows (`- n: 12` / `word: model`, indented in the file). */
function rows(part) {
  const words = ["harness", "worker", "model", "tool", "event"];
  return Array.from({ length: Math.ceil(settings.size / 40) }, (_, index) => ({
    n: part * 100_000 + index,
    word: words[index % words.length],
  }));
}

function writerModel() {
  const texts = new Map();
  return benchModel((request) => {
    const input = request.prompt.find((message) => message.role === "user");
    const part = Number(/part (\d+)/.exec(JSON.stringify(input?.content))?.[1] ?? 0);
    const hasSaved = request.prompt.some((message) => message.role === "tool");
    if (settings.shape === "rows" && !hasSaved) {
      return toolCallParts([{ toolCallId: `save-${part}`, toolName: "save", input: { rows: rows(part) } }]);
    }
    // Each writer's text differs a little, as real answers do.
    if (!texts.has(part)) texts.set(part, `part ${part}\n${fillerText(settings.size)}`);
    return textParts(settings.shape === "rows" ? `saved part ${part}` : texts.get(part), 4096);
  }, "writer");
}

function scriptedModels() {
  const orchestrator = callThenAnswerModel(
    () =>
      Array.from({ length: settings.calls }, (_, index) => ({
        toolCallId: `writer-${index}`,
        toolName: "writer",
        input: { input: `part ${index}` },
      })),
    "all written",
  );
  return { "bench:main": orchestrator, "bench:writer": writerModel() };
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
  files: ["main.worker", "writer.worker", "tools.ts"],
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
