import { trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { runSpans } from "./run-spans.js";

const T0 = Date.UTC(2026, 0, 1);
const usage = {
  inputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  requests: 0,
};
const start: RunEvent = { type: "run-start", runId: "r", entry: "main", input: "hi", time: "" };
const end: RunEvent = { type: "run-end", runId: "r", outcome: "ok", output: "", usage, durationMs: 5 };

function memoryProvider() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return { provider, names: () => exporter.getFinishedSpans().map((span) => span.name) };
}

describe("runSpans", () => {
  afterEach(() => trace.disable());

  test("events added while the recorder loads are recorded once it is ready, in order", async () => {
    const { provider, names } = memoryProvider();
    const errors: string[] = [];
    const spans = runSpans({ tracer: provider.getTracer("test") }, (message) => errors.push(message));
    spans?.add(start, T0);
    spans?.add(end, T0 + 5);
    expect(names()).toEqual([]);
    await spans?.settled();
    expect(names()).toEqual(["invoke_workflow main"]);
    expect(errors).toEqual([]);
  });

  test("by default the spans go to the provider registered through @opentelemetry/api", async () => {
    const { provider, names } = memoryProvider();
    trace.setGlobalTracerProvider(provider);
    const spans = runSpans(undefined, () => {});
    spans?.add(start, T0);
    await spans?.settled();
    spans?.add(end, T0 + 5);
    expect(names()).toEqual(["invoke_workflow main"]);
  });

  test("telemetry: false records nothing, even with a provider registered", () => {
    trace.setGlobalTracerProvider(memoryProvider().provider);
    expect(runSpans(false, () => {})).toBeUndefined();
  });
});
