// Workload (run in a fresh process by bench/run.mjs): an orchestrator whose model calls a
// sub-worker `calls` times in parallel, in one response; each sub-worker makes one tool call and
// answers. `mode` "llm-do" runs worker files through `run()`; "bare" builds the same thing from
// nested AI SDK `streamText` loops, "bare-generate" from `generateText` loops (the floors). After
// a small warm-up run, times one run and prints one JSON line.
import { performance } from "node:perf_hooks";
import { generateText, isStepCount, streamText, tool } from "ai";
import { loadProject, run } from "llm-do";
import { z } from "zod";
import { callThenAnswerModel } from "../lib/bench-models.mjs";
import { createBenchProject, ECHO_TOOLS, workerFile } from "../lib/bench-project.mjs";
import { profileSection } from "../lib/profile-section.mjs";

const settings = { calls: 1000, warmupCalls: 20, mode: "llm-do", ...JSON.parse(process.argv[2] ?? "{}") };

/** The two mock models of one run: the orchestrator's and the one all sub-workers share. */
function models(calls) {
  let echoes = 0;
  return {
    orchestrator: callThenAnswerModel(
      () =>
        Array.from({ length: calls }, (_, index) => ({
          toolCallId: `sub-${index}`,
          toolName: "sub",
          input: { input: `task ${index}` },
        })),
      "all done",
    ),
    sub: callThenAnswerModel(
      () => [{ toolCallId: `echo-${echoes++}`, toolName: "echo", input: { n: 1 } }],
      "ok",
    ),
  };
}

/** llm-do: returns the number of sub-worker calls that ended ok. */
async function llmDoFanOut(context, calls) {
  const { orchestrator, sub } = models(calls);
  let completed = 0;
  const handle = run({
    project: context.loaded,
    input: "fan out",
    models: { "bench:orchestrator": orchestrator, "bench:sub": sub },
    cwd: context.dir,
    env: {},
    onEvent: (event) => {
      if (event.type === "call-end" && event.name === "sub" && event.outcome === "ok") completed += 1;
    },
  });
  const result = await handle.result;
  if (result.output !== "all done") throw new Error(`unexpected answer: ${JSON.stringify(result.output)}`);
  return completed;
}

/** The bare AI SDK: a tool whose execute runs a nested tool loop (`loop`: streamText or generateText). */
async function bareFanOut(loop, calls) {
  const { orchestrator, sub } = models(calls);
  let completed = 0;
  const echo = tool({
    description: "Returns its input.",
    inputSchema: z.object({ n: z.number() }),
    execute: ({ n }) => ({ n }),
  });
  const subTool = tool({
    description: "Do the task.",
    inputSchema: z.object({ input: z.string() }),
    execute: async ({ input }) => {
      const options = {
        model: sub,
        instructions: "Do the task.",
        messages: [{ role: "user", content: input }],
        tools: { echo },
        stopWhen: isStepCount(100),
      };
      let text;
      if (loop === "generateText") {
        text = (await generateText(options)).text;
      } else {
        const result = streamText(options);
        for await (const _part of result.stream);
        text = await result.text;
      }
      completed += 1;
      return text;
    },
  });
  const result = streamText({
    model: orchestrator,
    instructions: "Do the task.",
    messages: [{ role: "user", content: "fan out" }],
    tools: { sub: subTool },
    stopWhen: isStepCount(100),
  });
  for await (const _part of result.stream);
  if ((await result.text) !== "all done") throw new Error("unexpected answer");
  return completed;
}

const project = createBenchProject({
  "main.worker": workerFile({ name: "main", model: "bench:orchestrator", toolsets: "  sub: {}" }),
  "sub.worker": workerFile({ name: "sub", model: "bench:sub", toolsets: "  bench: {}" }),
  "tools.mjs": ECHO_TOOLS,
});
try {
  const fanOuts = {
    "llm-do": llmDoFanOut,
    bare: (_context, calls) => bareFanOut("streamText", calls),
    "bare-generate": (_context, calls) => bareFanOut("generateText", calls),
  };
  const fanOut = fanOuts[settings.mode];
  if (!fanOut) throw new Error(`unknown mode ${settings.mode}`);
  const context = {
    dir: project.dir,
    loaded:
      settings.mode === "llm-do"
        ? await loadProject({ files: ["main.worker", "sub.worker", "tools.mjs"], cwd: project.dir })
        : undefined,
  };
  await fanOut(context, settings.warmupCalls);
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const stopProfile = await profileSection(`fan-out-${settings.mode}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const completed = await fanOut(context, settings.calls);
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  await stopProfile();
  if (completed !== settings.calls)
    throw new Error(`${completed} of ${settings.calls} sub-worker calls ended ok`);
  console.log(
    JSON.stringify({
      mode: settings.mode,
      calls: settings.calls,
      wallMs,
      cpuMs: (user + system) / 1000,
      rssBeforeBytes: rssBefore,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
} finally {
  project.remove();
}
