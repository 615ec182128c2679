import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { hrTimeToMilliseconds } from "@opentelemetry/core";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { modelAttributes, SpanRecorder } from "./span-recorder.js";

/** A tracer provider of the OpenTelemetry SDK whose spans stay in memory. */
function memoryProvider() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  return { provider, spans: () => exporter.getFinishedSpans() };
}

/** The events' times are milliseconds after this (the SDK reads small numbers as `performance.now()`). */
const T0 = Date.UTC(2026, 0, 1);

/** Each span as [name, parent's name, start, end] (milliseconds after T0): by start, then the longest first. */
function tree(spans: readonly ReadableSpan[]) {
  const names = new Map(spans.map((span) => [span.spanContext().spanId, span.name]));
  return spans
    .map((span): [string, string | undefined, number, number] => [
      span.name,
      span.parentSpanContext ? names.get(span.parentSpanContext.spanId) : undefined,
      hrTimeToMilliseconds(span.startTime) - T0,
      hrTimeToMilliseconds(span.endTime) - T0,
    ])
    .sort((a, b) => a[2] - b[2] || b[3] - a[3]);
}

const events: Array<[number, RunEvent]> = [
  [0, { type: "run-start", runId: "r", entry: "main", input: "hi", time: "" }],
  [
    1,
    {
      type: "call-start",
      callId: "c1",
      name: "main",
      kind: "worker",
      path: ["main"],
      depth: 1,
      input: {},
      model: "anthropic:claude-haiku-4-5",
    },
  ],
  [
    50,
    {
      type: "model-response",
      callId: "c1",
      path: ["main"],
      step: 1,
      model: "anthropic:claude-haiku-4-5",
      usage: {
        inputTokens: 10,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 5,
        totalTokens: 15,
        requests: 1,
      },
      finishReason: "tool-calls",
      cost: { usd: 0.000035 },
    },
  ],
  [
    51,
    {
      type: "call-start",
      callId: "c2",
      parentCallId: "c1",
      name: "shell",
      kind: "tool",
      path: ["main", "shell"],
      depth: 1,
      input: {},
      toolCallId: "t1",
    },
  ],
  [
    52,
    {
      type: "approval-response",
      callId: "c2",
      toolName: "shell",
      decision: { type: "approved" },
      decidedBy: "policy",
    },
  ],
  [
    60,
    {
      type: "call-end",
      callId: "c2",
      name: "shell",
      kind: "tool",
      path: ["main", "shell"],
      outcome: "error",
      error: { name: "ToolExecutionError", code: "TOOL_EXECUTION", message: "exit 1" },
      usage: {
        inputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        totalTokens: 0,
        requests: 0,
      },
      durationMs: 9,
    },
  ],
  [
    90,
    {
      type: "model-response",
      callId: "c1",
      path: ["main"],
      step: 2,
      model: "anthropic:claude-haiku-4-5",
      usage: {
        inputTokens: 20,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 5,
        totalTokens: 25,
        requests: 1,
      },
      finishReason: "stop",
      cost: { usd: 0.000045 },
    },
  ],
  [
    91,
    {
      type: "call-end",
      callId: "c1",
      name: "main",
      kind: "worker",
      path: ["main"],
      outcome: "ok",
      output: "done",
      usage: {
        inputTokens: 30,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 10,
        totalTokens: 40,
        requests: 2,
      },
      durationMs: 90,
    },
  ],
  [
    92,
    {
      type: "run-end",
      runId: "r",
      outcome: "ok",
      output: "done",
      usage: {
        inputTokens: 30,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 10,
        totalTokens: 40,
        requests: 2,
      },
      durationMs: 92,
    },
  ],
];

describe("SpanRecorder", () => {
  afterEach(() => trace.disable());

  test("spans per run, call and model request, with GenAI attributes and the right parents", () => {
    const { provider, spans } = memoryProvider();
    const recorder = new SpanRecorder(provider.getTracer("test"));
    for (const [time, event] of events) recorder.add(event, T0 + time);
    expect(tree(spans())).toEqual([
      ["invoke_workflow main", undefined, 0, 92],
      ["invoke_agent main", "invoke_workflow main", 1, 91],
      ["chat claude-haiku-4-5", "invoke_agent main", 1, 50],
      ["execute_tool shell", "invoke_agent main", 51, 60],
      // The second request starts when the tool call it waited for ended.
      ["chat claude-haiku-4-5", "invoke_agent main", 60, 90],
    ]);
    const byName = (name: string) => spans().find((span) => span.name === name);
    expect(byName("invoke_workflow main")).toMatchObject({
      kind: SpanKind.INTERNAL,
      attributes: {
        "gen_ai.operation.name": "invoke_workflow",
        "gen_ai.workflow.name": "main",
        "llm_do.run_id": "r",
        "gen_ai.usage.input_tokens": 30,
        "llm_do.outcome": "ok",
      },
    });
    expect(byName("invoke_agent main")).toMatchObject({
      kind: SpanKind.INTERNAL,
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "main",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": "claude-haiku-4-5",
        "gen_ai.usage.input_tokens": 30,
        "gen_ai.usage.output_tokens": 10,
        "llm_do.outcome": "ok",
      },
    });
    expect(byName("chat claude-haiku-4-5")).toMatchObject({
      kind: SpanKind.CLIENT,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": "claude-haiku-4-5",
        "gen_ai.usage.input_tokens": 10,
        "gen_ai.response.finish_reasons": ["tool-calls"],
        "llm_do.cost_usd": 0.000035,
      },
    });
    const tool = byName("execute_tool shell");
    expect(tool).toMatchObject({
      kind: SpanKind.INTERNAL,
      attributes: {
        "gen_ai.operation.name": "execute_tool",
        "gen_ai.tool.name": "shell",
        "gen_ai.tool.call.id": "t1",
        "error.type": "TOOL_EXECUTION",
      },
      status: { code: SpanStatusCode.ERROR, message: "exit 1" },
    });
    expect(tool?.events.map((event) => [event.name, event.attributes])).toEqual([
      ["llm_do.approval", { "llm_do.approval.decision": "approved", "llm_do.approval.decided_by": "policy" }],
    ]);
  });

  test("by default spans go to the globally registered provider, under the caller's active span", () => {
    const { provider, spans } = memoryProvider();
    trace.setGlobalTracerProvider(provider);
    const outer = provider.getTracer("app").startSpan("app request");
    const recorder = new SpanRecorder(undefined, trace.setSpan(ROOT_CONTEXT, outer));
    for (const [time, event] of events) recorder.add(event, T0 + time);
    outer.end();
    const root = spans().find((span) => span.name === "invoke_workflow main");
    expect(root?.instrumentationScope.name).toBe("llm-do");
    expect(root?.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(root?.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(spans()).toHaveLength(6);
  });

  test("without a registered provider nothing is recorded past the run's first event", () => {
    const recorder = new SpanRecorder(undefined, context.active());
    for (const [time, event] of events) recorder.add(event, T0 + time);
    // The API's no-op tracer: a span that is not recording, after which the recorder stops.
    expect(trace.getTracer("llm-do").startSpan("probe").isRecording()).toBe(false);
    const { provider, spans } = memoryProvider();
    trace.setGlobalTracerProvider(provider);
    recorder.add(events[1]![1], T0 + 1);
    expect(spans()).toEqual([]);
  });
});

describe("modelAttributes", () => {
  test.each([
    ["anthropic:claude-haiku-4-5", "anthropic", "claude-haiku-4-5"],
    ["openai-chat:gpt-5", "openai", "gpt-5"],
    ["google:gemini-2.5-pro", "gcp.gemini", "gemini-2.5-pro"],
    ["ollama:llama3.2:3b", "ollama", "llama3.2:3b"],
    ["builtin:echo", "builtin", "echo"],
  ])("%s: provider %s, model %s", (id, provider, model) => {
    expect(modelAttributes(id)).toEqual({ "gen_ai.provider.name": provider, "gen_ai.request.model": model });
  });
});
