// Workload (run in a fresh process by bench/run.mjs): one worker loop of `toolCalls` sequential
// tool calls and a final answer, through llm-do's `run()` and through the bare AI SDK tool loop
// (`streamText`, and `generateText`), with the same mock model and tool. Prints one JSON line of
// per-step times.
import { performance } from "node:perf_hooks";
import { generateText, isStepCount, streamText, tool } from "ai";
import { loadProject, run } from "llm-do";
import { z } from "zod";
import { toolLoopModel } from "../lib/bench-models.mjs";
import { createBenchProject, ECHO_TOOLS, workerFile } from "../lib/bench-project.mjs";

const settings = { toolCalls: 200, warmups: 2, pairs: 7, ...JSON.parse(process.argv[2] ?? "{}") };
const steps = settings.toolCalls + 1;
const instructions = "Call echo until told otherwise.";
const project = createBenchProject({
  "main.worker": workerFile({
    name: "main",
    model: "bench:main",
    toolsets: "  bench: {}",
    body: instructions,
  }),
  "tools.mjs": ECHO_TOOLS,
});

try {
  const loaded = await loadProject({ files: ["main.worker", "tools.mjs"], cwd: project.dir });
  const echo = tool({
    description: "Returns its input.",
    inputSchema: z.object({ n: z.number() }),
    execute: ({ n }) => ({ n }),
  });

  /** The bare AI SDK loop: what llm-do's worker loop is built on. */
  const bare = async () => {
    const result = streamText({
      model: toolLoopModel({ toolName: "echo", toolCalls: settings.toolCalls }),
      instructions,
      messages: [{ role: "user", content: "go" }],
      tools: { echo },
      stopWhen: isStepCount(steps),
    });
    for await (const _part of result.stream);
    return result.text;
  };

  /**
   * The bare `generateText` loop, which llm-do's worker loop runs on (the model answers through
   * `doGenerate`, all at once, where llm-do reads its stream).
   */
  const bareGenerate = async () => {
    const result = await generateText({
      model: toolLoopModel({ toolName: "echo", toolCalls: settings.toolCalls }),
      instructions,
      messages: [{ role: "user", content: "go" }],
      tools: { echo },
      stopWhen: isStepCount(steps),
    });
    return result.text;
  };

  /** llm-do's full path: run, call runner, gate, events, validation, usage. */
  const llmDo = (onEvent) => async () => {
    const handle = run({
      project: loaded,
      input: "go",
      models: { "bench:main": toolLoopModel({ toolName: "echo", toolCalls: settings.toolCalls }) },
      maxSteps: steps,
      cwd: project.dir,
      env: {},
      ...(onEvent ? { onEvent } : {}),
    });
    const result = await handle.result;
    if (result.usage.requests !== steps) throw new Error(`llm-do made ${result.usage.requests} requests`);
    return result.output;
  };

  let eventBytes = 0;
  const variants = {
    bare,
    bareGenerate,
    llmDo: llmDo(),
    llmDoJson: llmDo((event) => {
      eventBytes += JSON.stringify(event).length + 1;
    }),
  };
  /** Wall and CPU (all threads) milliseconds per step of one run. */
  const timeOne = async (body) => {
    globalThis.gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const output = await body();
    const elapsed = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    if (output !== "done") throw new Error(`unexpected final answer: ${JSON.stringify(output)}`);
    return { wall: elapsed / steps, cpu: (user + system) / 1000 / steps };
  };
  const names = Object.keys(variants);
  for (let round = 0; round < settings.warmups; round++) {
    for (const name of names) await timeOne(variants[name]);
  }
  const perStepMs = Object.fromEntries(names.map((name) => [name, []]));
  const cpuPerStepMs = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < settings.pairs; round++) {
    // Rotate the order so that no variant always runs right after another.
    const order = names.map((_, index) => names[(index + round) % names.length]);
    for (const name of order) {
      const { wall, cpu } = await timeOne(variants[name]);
      perStepMs[name].push(wall);
      cpuPerStepMs[name].push(cpu);
    }
  }
  const runs = settings.warmups + settings.pairs;
  console.log(JSON.stringify({ steps, perStepMs, cpuPerStepMs, eventBytesPerRun: eventBytes / runs }));
} finally {
  project.remove();
}
