/**
 * @module Headless progress (`-v`, `-vv`): run events as plain text lines for stderr. Pure: it
 * returns text and never writes.
 */
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import { addCost, emptyCostTotal } from "../models/estimate-cost.js";
import { previewArguments, previewResult } from "./format-preview.js";
import { formatCost, formatDuration, formatUsage } from "./format-usage.js";

/** Options of {@link TextEventRenderer}. */
export interface TextEventRendererOptions {
  /**
   * 1 (`-v`): calls, tool calls and results, approvals, responses, retries, usage and cost.
   * 2 (`-vv`): also streams text and shows each model response.
   */
  verbosity: number;
}

interface CallInfo {
  path: string[];
}

/**
 * Turns run events into text. Every line is labelled with the call path of the worker it
 * belongs to (`[main > analyzer]`). At verbosity 2, text deltas are streamed as they come,
 * after a label; any other line first ends a streamed line.
 */
export class TextEventRenderer {
  readonly #verbosity: number;
  readonly #calls = new Map<string, CallInfo>();
  /** The stream whose line is open (not yet ended by a newline). */
  #openStream: string | undefined;
  /** Lines held back until the open streamed line ends, so that they do not split it. */
  #deferred: string[] = [];
  readonly #cost = emptyCostTotal();

  constructor(options: TextEventRendererOptions) {
    this.#verbosity = options.verbosity;
  }

  /** The text for one event ("" when it shows nothing at this verbosity). */
  render(event: RunEvent): string {
    switch (event.type) {
      case "call-start":
        this.#calls.set(event.callId, { path: event.path });
        return this.lines(callStartLines(event));
      case "call-end":
        return this.lines(callEndLines(event));
      case "text-delta":
        return this.#verbosity >= 2 ? this.stream(event.callId, label(event.path), event.text) : "";
      case "reasoning-delta":
        return this.#verbosity >= 2
          ? this.stream(`${event.callId}:reasoning`, `${label(event.path)} Thinking:`, event.text)
          : "";
      case "text-end":
        return this.textEnd(event);
      case "model-response": {
        addCost(this.#cost, event.cost);
        if (this.#verbosity < 2) return "";
        const cost = formatCost(addCost(emptyCostTotal(), event.cost));
        const line = `${label(event.path)} Model response ${event.step} (${event.model}, ${event.finishReason}): ${formatUsage(event.usage)}${cost ? `, ${cost}` : ""}`;
        // The response's usage can arrive before its streamed text is through.
        if (this.#openStream === event.callId) {
          this.#deferred.push(line);
          return "";
        }
        return this.lines([line]);
      }
      case "model-retry": {
        const status = event.status === null ? "" : `status ${event.status}, `;
        return this.lines([
          `${label(event.path)} Retrying ${event.model} in ${formatDuration(event.delayMs)} (${status}${event.reason}; attempt ${event.attempt} of ${event.maxAttempts} failed)`,
        ]);
      }
      case "model-output-discarded":
        return this.#verbosity >= 2 ? this.lines([`${label(event.path)} (partial response discarded)`]) : "";
      case "server-tool-call":
        return this.lines([
          `${label(event.path)} Server tool call: ${event.toolName}`,
          `  Args: ${previewArguments(event.input)}`,
        ]);
      case "server-tool-result":
        return this.lines([
          `${label(event.path)} Server tool ${event.isError ? "error" : "result"}: ${event.toolName}`,
          ...previewResult(event.output),
        ]);
      case "approval-request": {
        return this.lines([
          `${callerLabel(event.request.callPath)} Approval required: ${event.request.toolName}`,
          // A description may span lines (create_worker shows the whole worker file).
          ...event.request.description.split("\n").map((line) => `  ${line}`),
        ]);
      }
      case "approval-response":
        return this.lines(this.approvalResponseLines(event));
      case "run-end": {
        const cost = formatCost(this.#cost);
        return this.lines([
          `Usage: ${formatUsage(event.usage)}${cost ? `, ${cost}` : ""} in ${formatDuration(event.durationMs)}`,
        ]);
      }
      case "error":
        return this.lines([`${event.path ? `${label(event.path)} ` : ""}Error: ${event.error.message}`]);
      case "replay-drift":
        return event.fatal ? "" : this.lines(event.message.split("\n"));
      case "warning":
        return this.lines([`Warning: ${event.message}`]);
      default:
        return "";
    }
  }

  /** A line that is not an event (a provider warning), after ending a streamed line. */
  renderLine(text: string): string {
    return this.lines([text]);
  }

  /** Ends a streamed line that is still open (then writes lines held back); "" when none is. */
  finish(): string {
    if (this.#openStream === undefined) return "";
    this.#openStream = undefined;
    const deferred = this.#deferred.map((line) => `${line}\n`).join("");
    this.#deferred = [];
    return `\n${deferred}`;
  }

  private lines(lines: string[]): string {
    if (lines.length === 0) return "";
    return `${this.finish()}${lines.join("\n")}\n`;
  }

  private stream(key: string, prefix: string, text: string): string {
    if (this.#openStream === key) return text;
    const opened = `${this.finish()}${prefix} ${text}`;
    this.#openStream = key;
    return opened;
  }

  private textEnd(event: RunEventOf<"text-end">): string {
    if (this.#verbosity >= 2) return this.#openStream === event.callId ? this.finish() : "";
    if (event.text.trim() === "") return "";
    return this.lines([
      `${label(event.path)} Response:`,
      ...event.text.split("\n").map((line) => `  ${line}`),
    ]);
  }

  private approvalResponseLines(event: RunEventOf<"approval-response">): string[] {
    const path = this.#calls.get(event.callId)?.path ?? [event.toolName];
    const caller = callerLabel(path);
    const { decision } = event;
    if (decision.type === "approved")
      return [`${caller} Approved: ${event.toolName} (by ${event.decidedBy})`];
    if (decision.type === "denied") {
      return [`${caller} Denied: ${event.toolName}${decision.note ? ` (${decision.note})` : ""}`];
    }
    return [];
  }
}

function label(path: readonly string[]): string {
  return `[${path.join(" > ")}]`;
}

/** The label of the call that made this one (its own label for the entry). */
function callerLabel(path: readonly string[]): string {
  return label(path.length > 1 ? path.slice(0, -1) : path);
}

function callStartLines(event: RunEventOf<"call-start">): string[] {
  const model = event.model ? ` (${event.model})` : "";
  const hasInput =
    typeof event.input !== "object" || event.input === null || Object.keys(event.input).length > 0;
  const input = hasInput ? previewArguments(event.input) : undefined;
  if (event.path.length <= 1) {
    const what = event.kind === "worker" ? `Start${model}` : "Start (code entry)";
    return [`${label(event.path)} ${what}`, ...(input === undefined ? [] : [`  Input: ${input}`])];
  }
  const caller = label(event.path.slice(0, -1));
  if (event.kind === "worker") {
    return [
      `${caller} Worker call: ${event.name}${model}`,
      ...(input === undefined ? [] : [`  Input: ${input}`]),
    ];
  }
  return [`${caller} Tool call: ${event.name}`, ...(input === undefined ? [] : [`  Args: ${input}`])];
}

function callEndLines(event: RunEventOf<"call-end">): string[] {
  const own = label(event.path);
  const caller = callerLabel(event.path);
  const message = event.error?.message ?? "";
  const isTool = event.kind === "tool" && event.path.length > 1;
  if (!isTool) {
    if (event.outcome === "aborted") return [`${own} Aborted`];
    if (event.outcome !== "ok") return [`${own} Failed: ${message}`];
    const summary = `${own} Complete (${formatUsage(event.usage)}, ${formatDuration(event.durationMs)})`;
    return typeof event.output === "string" || event.output === undefined
      ? [summary]
      : [summary, ...previewResult(event.output)];
  }
  switch (event.outcome) {
    case "ok":
      return [`${caller} Tool result: ${event.name}`, ...previewResult(event.output)];
    case "aborted":
      return [`${caller} Tool aborted: ${event.name}`];
    default:
      return [`${caller} Tool ${outcomeWord[event.outcome]}: ${event.name}`, `  ${message}`];
  }
}

const outcomeWord = { error: "error", denied: "denied", blocked: "blocked" } as const;
