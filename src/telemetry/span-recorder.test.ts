import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { SpanRecorder } from "./span-recorder.js";
import type {
  TelemetryAttributes,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from "./telemetry-tracer.js";

interface RecordedSpan {
  name: string;
  parent?: string;
  kind?: number;
  start?: number;
  end?: number;
  attributes: TelemetryAttributes;
  status?: { code: number; message?: string };
  events: string[];
}

/** A tracer that keeps spans in memory; its context is the parent span itself. */
function memoryTracer(): TelemetryTracer & { spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  const byHandle = new Map<TelemetrySpan, RecordedSpan>();
  return {
    spans,
    startSpan(name: string, options: TelemetrySpanOptions = {}, context?: unknown) {
      const record: RecordedSpan = {
        name,
        ...(context ? { parent: byHandle.get(context as TelemetrySpan)?.name } : {}),
        kind: options.kind,
        start: options.startTime,
        attributes: { ...options.attributes },
        events: [],
      };
      const span: TelemetrySpan = {
        setAttribute: (key, value) => (record.attributes[key] = value),
        setStatus: (status) => (record.status = status),
        addEvent: (eventName) => record.events.push(eventName),
        end: (time) => (record.end = time),
      };
      byHandle.set(span, record);
      spans.push(record);
      return span;
    },
  };
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
  test("spans per call and model request, with GenAI attributes and the right parents", () => {
    const tracer = memoryTracer();
    const recorder = new SpanRecorder({ tracer });
    for (const [time, event] of events) recorder.add(event, time);
    expect(tracer.spans.map((span) => [span.name, span.parent, span.start, span.end])).toEqual([
      ["llm-do run main", undefined, 0, 92],
      ["invoke_agent main", "llm-do run main", 1, 91],
      ["chat anthropic:claude-haiku-4-5", "invoke_agent main", 1, 50],
      ["execute_tool shell", "invoke_agent main", 51, 60],
      // The second request starts when the tool call it waited for ended.
      ["chat anthropic:claude-haiku-4-5", "invoke_agent main", 60, 90],
    ]);
    const [, agent, chat, tool] = tracer.spans;
    expect(agent?.attributes).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "main",
      "gen_ai.usage.input_tokens": 30,
      "gen_ai.usage.output_tokens": 10,
      "llm_do.outcome": "ok",
    });
    expect(chat).toMatchObject({
      kind: 2,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "anthropic",
        "gen_ai.request.model": "claude-haiku-4-5",
        "gen_ai.usage.input_tokens": 10,
        "gen_ai.response.finish_reasons": ["tool-calls"],
        "llm_do.cost_usd": 0.000035,
      },
    });
    expect(tool).toMatchObject({
      attributes: {
        "gen_ai.tool.name": "shell",
        "gen_ai.tool.call.id": "t1",
        "error.type": "TOOL_EXECUTION",
      },
      status: { code: 2, message: "exit 1" },
      events: ["llm_do.approval"],
    });
  });

  test("contextWithSpan builds the parent context the tracer expects", () => {
    const contexts: unknown[] = [];
    const tracer: TelemetryTracer = {
      startSpan: (_name, _options, context) => {
        contexts.push(context);
        return { setAttribute() {}, setStatus() {}, addEvent() {}, end() {} };
      },
    };
    const recorder = new SpanRecorder({ tracer, contextWithSpan: (span) => ({ parent: span }) });
    for (const [time, event] of events.slice(0, 2)) recorder.add(event, time);
    expect(contexts[0]).toBeUndefined();
    expect(contexts[1]).toEqual({ parent: expect.any(Object) });
  });
});
