import { trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, test } from "vitest";
import type { RunTelemetry } from "../../src/index.js";
import { scriptedModel, tempProject, text, toolCall } from "../../src/testing/index.js";
import { collectRun } from "../support/collect-run.js";

const FILES = {
  "main.worker": "---\nname: main\nmodel: test:main\ntoolsets:\n  helper: {}\n---\nDelegate.\n",
  "helper.worker": "---\nname: helper\nmodel: test:helper\n---\nHelp.\n",
};

/** A tracer provider of the OpenTelemetry SDK whose spans stay in memory. */
function memoryProvider() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return { provider, spans: () => exporter.getFinishedSpans() };
}

/** Each span as "name < parent's name". */
function tree(spans: readonly ReadableSpan[]): string[] {
  const names = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans
    .map((span) => {
      const parent = span.parentSpanContext && names.get(span.parentSpanContext.spanId);
      return parent ? `${span.name} < ${parent}` : span.name;
    })
    .sort();
}

async function runDelegating(project: { dir: string; path(name: string): string }, telemetry?: RunTelemetry) {
  return collectRun({
    files: [project.path("main.worker"), project.path("helper.worker")],
    input: "go",
    models: {
      "test:main": scriptedModel([toolCall("helper", { input: "x" }), text("done")]),
      "test:helper": scriptedModel([text("helped")]),
    },
    cwd: project.dir,
    ...(telemetry !== undefined ? { telemetry } : {}),
  });
}

describe("OpenTelemetry spans of run()", () => {
  afterEach(() => trace.disable());

  test("reach the tracer provider the application registered through @opentelemetry/api", async () => {
    const { provider, spans } = memoryProvider();
    trace.setGlobalTracerProvider(provider);
    await using project = await tempProject(FILES);
    const { result } = await runDelegating(project);
    expect(result?.output).toBe("done");
    expect(tree(spans())).toEqual(
      [
        "chat main < invoke_agent main",
        "chat main < invoke_agent main",
        "chat helper < invoke_agent helper",
        "invoke_agent helper < invoke_agent main",
        "invoke_agent main < invoke_workflow main",
        "invoke_workflow main",
      ].sort(),
    );
    const helper = spans().find((span) => span.name === "invoke_agent helper");
    expect(helper?.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "helper",
      "gen_ai.provider.name": "test",
      "gen_ai.request.model": "helper",
      "llm_do.outcome": "ok",
    });
  });

  test("go to the tracer passed as telemetry, and nowhere with telemetry: false", async () => {
    const registered = memoryProvider();
    trace.setGlobalTracerProvider(registered.provider);
    const own = memoryProvider();
    await using project = await tempProject(FILES);
    const withTracer = await runDelegating(project, { tracer: own.provider.getTracer("mine") });
    expect(withTracer.result?.output).toBe("done");
    expect(own.spans()).toHaveLength(6);
    expect((await runDelegating(project, false)).result?.output).toBe("done");
    expect(registered.spans()).toEqual([]);
  });
});
