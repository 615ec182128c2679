/**
 * @module Builds a trace from a run's events as they arrive. Pure: the clock comes with each
 * event, so a test can replay events with fixed times.
 */
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import { addCost, type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import { approvalNote } from "../record/approval-note.js";
import { addUsage, emptyUsage, type Usage } from "../runtime/usage.js";
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type TraceDocument,
  type TraceNode,
  type TraceNote,
} from "./trace-document.js";
import { type TruncateOptions, truncateValue } from "./truncate-value.js";

/** The events a trace is built from; the others (text deltas, tool previews, ...) leave no mark. */
const TRACED_EVENTS: ReadonlySet<RunEvent["type"]> = new Set<RunEvent["type"]>([
  "run-start",
  "run-end",
  "call-start",
  "call-end",
  "model-response",
  "approval-request",
  "approval-response",
  "model-retry",
  "error",
  "replay-drift",
]);

/** True for the events {@link TraceBuilder.add} uses. */
export function isTracedEvent(event: RunEvent): boolean {
  return TRACED_EVENTS.has(event.type);
}

/** Collects events into a {@link TraceDocument}. */
export class TraceBuilder {
  readonly #nodes = new Map<string, TraceNode>();
  readonly #document: TraceDocument;
  /** What approval requests showed, until their response arrives. */
  readonly #asked = new Map<string, string>();
  #startTime: number | undefined;

  constructor(private readonly truncate: TruncateOptions = {}) {
    this.#document = {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      runId: "",
      entry: "",
      startedAt: "",
      durationMs: 0,
      outcome: "running",
      input: null,
      usage: emptyUsage(),
      cost: emptyCostTotal(),
      notes: [],
      calls: [],
    };
  }

  /** Adds one event that happened at `time` (epoch milliseconds). */
  add(event: RunEvent, time: number): void {
    this.#startTime ??= time;
    const atMs = time - this.#startTime;
    switch (event.type) {
      case "run-start":
        Object.assign(this.#document, {
          runId: event.runId,
          entry: event.entry,
          startedAt: event.time,
          input: truncateValue(event.input, this.truncate),
        });
        break;
      case "run-end":
        this.#runEnd(event);
        break;
      case "call-start":
        this.#start(event, atMs);
        break;
      case "call-end":
        this.#end(event);
        break;
      case "model-response": {
        const { step, model, usage, cost, finishReason } = event;
        this.#nodes
          .get(event.callId)
          ?.responses.push({ step, model, usage: { ...usage }, cost, finishReason, atMs });
        break;
      }
      case "approval-request":
        this.#asked.set(event.callId, event.request.description);
        break;
      case "approval-response":
        this.#decided(event);
        break;
      case "model-retry":
        this.#note(event.callId, {
          atMs,
          kind: "retry",
          message: `attempt ${event.attempt} failed: ${event.reason}`,
        });
        break;
      case "error":
        this.#note(event.callId, { atMs, kind: "error", message: event.error.message });
        break;
      case "replay-drift":
        this.#note(undefined, { atMs, kind: "replay-drift", message: event.message });
        break;
      case "warning":
        this.#note(undefined, { atMs, kind: "warning", message: event.message });
        break;
    }
  }

  /**
   * Ends a trace whose run did not end (it was killed): the run lasted until `time`, and a note
   * says where the trace was cut. Calls still running stay `running`.
   */
  cut(time: number, message: string): void {
    const atMs = time - (this.#startTime ?? time);
    this.#document.durationMs = atMs;
    this.#document.notes.push({ atMs, kind: "cut", message });
  }

  /**
   * The trace so far. Usage and cost of each call are summed from its own model responses and
   * its children, so they add up even for calls an error cut short; unfinished calls end at the
   * run's end.
   */
  document(): TraceDocument {
    const document = structuredClone(this.#document);
    const finish = (node: TraceNode) => {
      if (node.outcome === "running") node.durationMs = Math.max(0, document.durationMs - node.startMs);
      node.usage = emptyUsage();
      node.cost = emptyCostTotal();
      for (const response of node.responses) {
        addUsage(node.usage, response.usage);
        addCost(node.cost, response.cost);
      }
      for (const child of node.children) {
        finish(child);
        addTotals(node, child);
      }
    };
    document.usage = emptyUsage();
    document.cost = emptyCostTotal();
    for (const call of document.calls) {
      finish(call);
      addTotals(document, call);
    }
    return document;
  }

  #runEnd(event: RunEventOf<"run-end">): void {
    const document = this.#document;
    document.outcome = event.outcome;
    document.durationMs = event.durationMs;
    if (event.output !== undefined) document.output = truncateValue(event.output, this.truncate);
    if (event.error) document.error = event.error;
  }

  #end(event: RunEventOf<"call-end">): void {
    const node = this.#nodes.get(event.callId);
    if (!node) return;
    node.outcome = event.outcome;
    node.durationMs = event.durationMs;
    if (event.outcome === "ok") node.output = truncateValue(event.output, this.truncate);
    if (event.error) node.error = event.error;
  }

  #decided(event: RunEventOf<"approval-response">): void {
    const node = this.#nodes.get(event.callId);
    if (!node) return;
    const note = approvalNote(event.decision);
    const description = this.#asked.get(event.callId);
    this.#asked.delete(event.callId);
    node.approvals.push({
      decision: event.decision.type,
      decidedBy: event.decidedBy,
      ...(description ? { description } : {}),
      ...(note ? { note } : {}),
      ...(event.signature ? { signature: event.signature } : {}),
    });
  }

  #start(event: RunEventOf<"call-start">, atMs: number): void {
    const node: TraceNode = {
      callId: event.callId,
      name: event.name,
      kind: event.kind,
      path: event.path,
      ...(event.model ? { model: event.model } : {}),
      startMs: atMs,
      durationMs: 0,
      outcome: "running",
      input: truncateValue(event.input, this.truncate),
      usage: emptyUsage(),
      cost: emptyCostTotal(),
      responses: [],
      approvals: [],
      notes: [],
      children: [],
    };
    this.#nodes.set(event.callId, node);
    const parent = event.parentCallId ? this.#nodes.get(event.parentCallId) : undefined;
    (parent ? parent.children : this.#document.calls).push(node);
  }

  #note(callId: string | undefined, note: TraceNote): void {
    const node = callId ? this.#nodes.get(callId) : undefined;
    (node ? node.notes : this.#document.notes).push(note);
  }
}

function addTotals(
  target: { usage: Usage; cost: CostTotal },
  source: { usage: Usage; cost: CostTotal },
): void {
  addUsage(target.usage, source.usage);
  addCost(target.cost, { usd: source.cost.usd });
  for (const model of source.cost.unpricedModels) addCost(target.cost, { unpriced: true, model });
}
