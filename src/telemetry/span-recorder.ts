/**
 * @module Turns a run's events into OpenTelemetry spans through `@opentelemetry/api`, following
 * the GenAI semantic conventions: an `invoke_workflow <entry>` span for the run, with
 * `invoke_agent <worker>`, `execute_tool <tool>` and `chat <model>` spans under it. Prompts and
 * outputs are not put in spans (the conventions make content opt-in); names, models, usage, cost
 * and outcomes are. Attributes the conventions do not have are `llm_do.*`.
 */
import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import type { Usage } from "../runtime/usage.js";

/** The instrumentation scope of llm-do's spans. */
export const TRACER_NAME = "llm-do";

/** Records spans for one run. Feed it every event with the time it happened. */
export class SpanRecorder {
  readonly #tracer: Tracer;
  /** The context the run's span starts in: the caller's active span, if any, is its parent. */
  readonly #context: Context;
  readonly #spans = new Map<string, Span>();
  readonly #parents = new Map<string, string | undefined>();
  /** When each worker last finished something (its last response or a child call): a request's start. */
  readonly #lastActivity = new Map<string, number>();
  #root: Span | undefined;
  /** Nothing records the run's span (no provider registered, or sampled out): the rest is skipped. */
  #off = false;

  /** `tracer` defaults to the one of the globally registered tracer provider. */
  constructor(tracer: Tracer = trace.getTracer(TRACER_NAME), parent: Context = context.active()) {
    this.#tracer = tracer;
    this.#context = parent;
  }

  /** Adds one event that happened at `time` (epoch milliseconds). */
  add(event: RunEvent, time: number): void {
    if (this.#off) return;
    switch (event.type) {
      case "run-start":
        this.#runStart(event, time);
        break;
      case "call-start":
        this.#callStart(event, time);
        break;
      case "model-response":
        this.#modelResponse(event, time);
        break;
      case "call-end":
        this.#callEnd(event, time);
        break;
      case "approval-response":
        this.#spans.get(event.callId)?.addEvent(
          "llm_do.approval",
          {
            "llm_do.approval.decision": event.decision.type,
            "llm_do.approval.decided_by": event.decidedBy,
          },
          time,
        );
        break;
      case "model-retry":
        this.#spans
          .get(event.callId)
          ?.addEvent(
            "llm_do.model_retry",
            { "llm_do.retry.attempt": event.attempt, "llm_do.retry.reason": event.reason },
            time,
          );
        break;
      case "warning":
        this.#root?.addEvent("llm_do.warning", { "llm_do.warning.message": event.message }, time);
        break;
      case "replay-drift":
        this.#root?.addEvent("llm_do.replay_drift", { "llm_do.replay.key": event.key }, time);
        break;
      case "run-end":
        this.#runEnd(event, time);
        break;
    }
  }

  #runStart(event: RunEventOf<"run-start">, time: number): void {
    const root = this.#tracer.startSpan(
      `invoke_workflow ${event.entry}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: time,
        attributes: {
          "gen_ai.operation.name": "invoke_workflow",
          "gen_ai.workflow.name": event.entry,
          "llm_do.run_id": event.runId,
        },
      },
      this.#context,
    );
    if (root.isRecording()) this.#root = root;
    else this.#off = true;
  }

  #callStart(event: RunEventOf<"call-start">, time: number): void {
    this.#parents.set(event.callId, event.parentCallId);
    const parent = (event.parentCallId && this.#spans.get(event.parentCallId)) || this.#root;
    const common = { "llm_do.call_id": event.callId, "llm_do.call_path": event.path.join(" > ") };
    const span =
      event.kind === "worker"
        ? this.#start(`invoke_agent ${event.name}`, parent, time, {
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.agent.name": event.name,
            ...(event.model ? modelAttributes(event.model) : {}),
            ...common,
            "llm_do.depth": event.depth,
          })
        : this.#start(`execute_tool ${event.name}`, parent, time, {
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": event.name,
            "gen_ai.tool.type": "function",
            ...(event.toolCallId ? { "gen_ai.tool.call.id": event.toolCallId } : {}),
            ...common,
          });
    this.#spans.set(event.callId, span);
    this.#lastActivity.set(event.callId, time);
  }

  #modelResponse(event: RunEventOf<"model-response">, time: number): void {
    const model = modelAttributes(event.model);
    const span = this.#start(
      `chat ${model["gen_ai.request.model"]}`,
      this.#spans.get(event.callId),
      this.#lastActivity.get(event.callId) ?? time,
      {
        "gen_ai.operation.name": "chat",
        ...model,
        "gen_ai.usage.input_tokens": event.usage.inputTokens,
        "gen_ai.usage.cache_read.input_tokens": event.usage.cacheReadTokens,
        "gen_ai.usage.cache_creation.input_tokens": event.usage.cacheWriteTokens,
        "gen_ai.usage.output_tokens": event.usage.outputTokens,
        "gen_ai.response.finish_reasons": [event.finishReason],
        "llm_do.step": event.step,
        ...("usd" in event.cost ? { "llm_do.cost_usd": event.cost.usd } : {}),
      },
      SpanKind.CLIENT,
    );
    span.end(time);
    this.#lastActivity.set(event.callId, time);
  }

  #callEnd(event: RunEventOf<"call-end">, time: number): void {
    const span = this.#spans.get(event.callId);
    if (!span) return;
    setUsage(span, event.usage);
    span.setAttribute("llm_do.outcome", event.outcome);
    if (event.error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
      span.setAttribute("error.type", event.error.code ?? event.error.name);
    }
    span.end(time);
    this.#spans.delete(event.callId);
    const parent = this.#parents.get(event.callId);
    if (parent !== undefined) this.#lastActivity.set(parent, time);
  }

  #runEnd(event: RunEventOf<"run-end">, time: number): void {
    const root = this.#root;
    if (!root) return;
    setUsage(root, event.usage);
    root.setAttribute("llm_do.outcome", event.outcome);
    if (event.error) {
      root.setStatus({ code: SpanStatusCode.ERROR, message: event.error.message });
      root.setAttribute("error.type", event.error.code ?? event.error.name);
    }
    for (const span of this.#spans.values()) span.end(time);
    this.#spans.clear();
    root.end(time);
    this.#root = undefined;
  }

  #start(
    name: string,
    parent: Span | undefined,
    time: number,
    attributes: Attributes,
    kind: SpanKind = SpanKind.INTERNAL,
  ): Span {
    const parentContext = parent ? trace.setSpan(this.#context, parent) : this.#context;
    return this.#tracer.startSpan(name, { kind, attributes, startTime: time }, parentContext);
  }
}

/**
 * The conventions' provider names where they have one for an llm-do provider prefix; other
 * prefixes (`ollama`, `openrouter`, `builtin`...) are used as they are.
 */
const PROVIDER_NAMES: ReadonlyMap<string, string> = new Map([
  ["openai-chat", "openai"],
  ["google", "gcp.gemini"],
]);

/** `gen_ai.provider.name` and `gen_ai.request.model` of an llm-do model id (`provider:model`). */
export function modelAttributes(modelId: string): {
  "gen_ai.provider.name": string;
  "gen_ai.request.model": string;
} {
  const colon = modelId.indexOf(":");
  const prefix = colon > 0 ? modelId.slice(0, colon) : modelId;
  return {
    "gen_ai.provider.name": PROVIDER_NAMES.get(prefix) ?? prefix,
    "gen_ai.request.model": colon > 0 ? modelId.slice(colon + 1) : modelId,
  };
}

function setUsage(span: Span, usage: Usage): void {
  span.setAttributes({
    "gen_ai.usage.input_tokens": usage.inputTokens,
    "gen_ai.usage.cache_read.input_tokens": usage.cacheReadTokens,
    "gen_ai.usage.cache_creation.input_tokens": usage.cacheWriteTokens,
    "gen_ai.usage.output_tokens": usage.outputTokens,
    "llm_do.usage.requests": usage.requests,
  });
}
