/**
 * @module Turns a run's events into OpenTelemetry spans, following the GenAI semantic
 * conventions where they fit: `invoke_agent <worker>`, `execute_tool <tool>` and
 * `chat <model>` spans under one `llm-do run <entry>` span. Prompts and outputs are not put in
 * spans (the conventions make content opt-in); names, models, usage, cost and outcomes are.
 */
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import type { Usage } from "../runtime/usage.js";
import type { TelemetryAttributes, TelemetryOptions, TelemetrySpan } from "./telemetry-tracer.js";

const SPAN_KIND_INTERNAL = 0;
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/** Records spans for one run. Feed it every event with the time it happened. */
export class SpanRecorder {
  readonly #spans = new Map<string, TelemetrySpan>();
  readonly #parents = new Map<string, string | undefined>();
  /** When each worker last finished something (its last response or a child call): a request's start. */
  readonly #lastActivity = new Map<string, number>();
  #root: TelemetrySpan | undefined;

  constructor(private readonly options: TelemetryOptions) {}

  /** Adds one event that happened at `time` (epoch milliseconds). */
  add(event: RunEvent, time: number): void {
    switch (event.type) {
      case "run-start":
        this.#root = this.#start(`llm-do run ${event.entry}`, undefined, time, {
          "llm_do.run_id": event.runId,
          "llm_do.entry": event.entry,
        });
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

  #callEnd(event: RunEventOf<"call-end">, time: number): void {
    const span = this.#spans.get(event.callId);
    if (!span) return;
    setUsage(span, event.usage);
    span.setAttribute("llm_do.outcome", event.outcome);
    if (event.error) {
      span.setStatus({ code: STATUS_ERROR, message: event.error.message });
      span.setAttribute("error.type", event.error.code ?? event.error.name);
    }
    span.end(time);
    this.#spans.delete(event.callId);
    this.#touchParentOf(event.callId, time);
  }

  #runEnd(event: RunEventOf<"run-end">, time: number): void {
    const root = this.#root;
    if (!root) return;
    setUsage(root, event.usage);
    if (event.error) root.setStatus({ code: STATUS_ERROR, message: event.error.message });
    for (const span of this.#spans.values()) span.end(time);
    this.#spans.clear();
    root.end(time);
    this.#root = undefined;
  }

  #callStart(event: RunEventOf<"call-start">, time: number): void {
    this.#parents.set(event.callId, event.parentCallId);
    const parent = (event.parentCallId && this.#spans.get(event.parentCallId)) || this.#root;
    const common = { "llm_do.call_id": event.callId, "llm_do.call_path": event.path.join(" > ") };
    const span =
      event.kind === "worker"
        ? this.#start(`invoke_agent ${event.name}`, parent, time, {
            ...common,
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.agent.name": event.name,
            "llm_do.depth": event.depth,
            ...(event.model ? { "gen_ai.request.model": event.model } : {}),
          })
        : this.#start(`execute_tool ${event.name}`, parent, time, {
            ...common,
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": event.name,
            "gen_ai.tool.type": "function",
            ...(event.toolCallId ? { "gen_ai.tool.call.id": event.toolCallId } : {}),
          });
    this.#spans.set(event.callId, span);
    this.#lastActivity.set(event.callId, time);
  }

  #modelResponse(event: RunEventOf<"model-response">, time: number): void {
    const parent = this.#spans.get(event.callId);
    const colon = event.model.indexOf(":");
    const span = this.#start(
      `chat ${event.model}`,
      parent,
      this.#lastActivity.get(event.callId) ?? time,
      {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": colon > 0 ? event.model.slice(0, colon) : event.model,
        "gen_ai.request.model": colon > 0 ? event.model.slice(colon + 1) : event.model,
        "gen_ai.usage.input_tokens": event.usage.inputTokens,
        "gen_ai.usage.cache_read.input_tokens": event.usage.cacheReadTokens,
        "gen_ai.usage.cache_creation.input_tokens": event.usage.cacheWriteTokens,
        "gen_ai.usage.output_tokens": event.usage.outputTokens,
        "gen_ai.response.finish_reasons": [event.finishReason],
        "llm_do.step": event.step,
        ...("usd" in event.cost ? { "llm_do.cost_usd": event.cost.usd } : {}),
      },
      SPAN_KIND_CLIENT,
    );
    span.end(time);
    this.#lastActivity.set(event.callId, time);
  }

  #touchParentOf(callId: string, time: number): void {
    const parent = this.#parents.get(callId);
    if (parent !== undefined) this.#lastActivity.set(parent, time);
  }

  #start(
    name: string,
    parent: TelemetrySpan | undefined,
    time: number,
    attributes: TelemetryAttributes,
    kind = SPAN_KIND_INTERNAL,
  ): TelemetrySpan {
    const contextWithSpan = this.options.contextWithSpan ?? ((span: TelemetrySpan) => span);
    const context = parent ? contextWithSpan(parent) : undefined;
    return this.options.tracer.startSpan(name, { kind, attributes, startTime: time }, context);
  }
}

function setUsage(span: TelemetrySpan, usage: Usage): void {
  span.setAttribute("gen_ai.usage.input_tokens", usage.inputTokens);
  span.setAttribute("gen_ai.usage.cache_read.input_tokens", usage.cacheReadTokens);
  span.setAttribute("gen_ai.usage.cache_creation.input_tokens", usage.cacheWriteTokens);
  span.setAttribute("gen_ai.usage.output_tokens", usage.outputTokens);
  span.setAttribute("llm_do.usage.requests", usage.requests);
}
