/**
 * @module What a run does besides running: record model exchanges (`--record`), replay them
 * (`replay:FILE`), enforce budgets, write a trace (`--trace`) and OpenTelemetry spans. One object
 * that `run()` feeds every event and asks for each worker call's model. The recording and the
 * trace are appended to as the run goes, and rewritten whole when it ends.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { LanguageModelV4Middleware, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { type Budget, hasLimits } from "../budget/budget.js";
import { BudgetTracker } from "../budget/budget-tracker.js";
import { ConfigError } from "../errors.js";
import type { RunEvent, RunEventOf } from "../events/run-event.js";
import type { ResolvedModel } from "../models/resolve-model.js";
import { approvalNote } from "../record/approval-note.js";
import { CallKeys } from "../record/call-keys.js";
import { pathOfKey } from "../record/exchange-key.js";
import { exchangeToRecord } from "../record/exchange-to-record.js";
import { observeResponse } from "../record/observe-response.js";
import { Recorder } from "../record/recorder.js";
import type { RecordedRequest, Recording } from "../record/recording.js";
import { recordingOf } from "../record/replay-model.js";
import { type ReplayDriftMode, ReplaySession } from "../record/replay-session.js";
import { summarizeRequest } from "../record/summarize-request.js";
import type { Frame } from "../runtime/frame.js";
import { type RunSpans, type RunTelemetry, runSpans } from "../telemetry/run-spans.js";
import { TraceBuilder } from "../trace/trace-builder.js";
import { TraceJournal } from "../trace/trace-journal.js";
import { writeTraceFile } from "../trace/write-trace-file.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";

/** Options of {@link instrumentRun}: the run's options that concern it, and the run's hooks. */
export interface InstrumentRunOptions {
  /** Relative `record` and `trace` paths are resolved against it. */
  cwd: string;
  /** Where to write the recording. */
  record?: string;
  /** Where to write the trace. */
  trace?: string;
  /** The run's budget. */
  budget?: Budget;
  /** What replay does on drift (default `fail`). */
  replayDrift?: ReplayDriftMode;
  /** Where spans go (default: the tracer provider registered with `@opentelemetry/api`). */
  telemetry?: RunTelemetry;
  /** Emits a run event. */
  emit: (event: RunEvent) => void;
  /** Ends the run with an error. */
  fail: (error: unknown) => void;
  /** The clock for traces and spans (default `Date.now`). */
  now?: () => number;
}

/** The run's side of {@link instrumentRun}. */
export interface RunInstrumentation {
  /**
   * Checks the options and starts the trace file: call first, inside the run's error handling.
   * Contract: throws a ConfigError for a budget that is not valid, a `record`/`trace` file whose
   * directory does not exist, or a trace file that cannot be created.
   */
  check(): void;
  /** Feed it every event, in order. */
  onEvent(event: RunEvent): void;
  /** The model a worker call uses: `resolved`, or a wrapper that records, replays or budgets. */
  modelFor(frame: Frame, worker: WorkerDefinition, resolved: ResolvedModel): ResolvedModel;
  /** After a successful run: replay entries never used are drift. Contract: throws in `fail` mode. */
  complete(): void;
  /**
   * When the run ends, before `end` is emitted: adds `end` to the trace and the spans (the
   * application's tracer provider exports them) and replaces the recording and the trace
   * (appended to as the run went on) by their finished files. Contract: throws a ConfigError when a file cannot be written.
   */
  close(end: RunEventOf<"run-end">): Promise<void>;
}

/** Creates the instrumentation of one run. Contract: never throws (see `check`). */
export function instrumentRun(options: InstrumentRunOptions): RunInstrumentation {
  return new Instrumentation(options);
}

class Instrumentation implements RunInstrumentation {
  readonly #options: InstrumentRunOptions;
  readonly #now: () => number;
  readonly #keys = new CallKeys();
  readonly #budget: BudgetTracker;
  readonly #replay: ReplaySession;
  readonly #recorder: Recorder | undefined;
  readonly #trace: TraceBuilder | undefined;
  readonly #journal: TraceJournal | undefined;
  readonly #spans: RunSpans | undefined;

  constructor(options: InstrumentRunOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#budget = new BudgetTracker({
      ...(hasLimits(options.budget) ? { budget: options.budget } : {}),
      fail: options.fail,
    });
    this.#replay = new ReplaySession({
      mode: options.replayDrift ?? "fail",
      onDrift: (drift) => options.emit({ type: "replay-drift", path: pathOfKey(drift.key), ...drift }),
      fail: options.fail,
    });
    // A file that cannot be written while the run goes on ends the run: nothing is lost quietly.
    this.#recorder = options.record
      ? new Recorder({
          file: path.resolve(options.cwd, options.record),
          displayName: options.record,
          onError: options.fail,
          isReplayed: () =>
            this.#replay
              .recordings()
              // Non-null: this runs only when options.record was given (the recorder exists).
              .some((recording) => recording.path === path.resolve(options.cwd, options.record!)),
        })
      : undefined;
    this.#trace = options.trace ? new TraceBuilder() : undefined;
    this.#journal = options.trace
      ? new TraceJournal({
          file: path.resolve(options.cwd, options.trace),
          displayName: options.trace,
          onError: options.fail,
        })
      : undefined;
    this.#spans = runSpans(options.telemetry, (message) => options.emit({ type: "warning", message }));
  }

  check(): void {
    const { cwd, record, trace } = this.#options;
    this.#budget.check();
    if (record) checkDirectory(cwd, record, "--record");
    if (trace) checkDirectory(cwd, trace, "--trace");
    this.#journal?.open();
  }

  readonly onEvent = (event: RunEvent): void => {
    this.#keys.onEvent(event);
    this.#budget.onEvent(event);
    const time = this.#trace || this.#spans ? this.#now() : 0;
    this.#trace?.add(event, time);
    this.#journal?.add(event, time);
    this.#spans?.add(event, time);
    if (event.type === "approval-response") this.#approval(event);
  };

  modelFor(frame: Frame, worker: WorkerDefinition, resolved: ResolvedModel): ResolvedModel {
    this.#budget.startWorker(frame.callId, worker);
    const recording = recordingOf(resolved.model);
    if (!recording && !this.#recorder && !this.#budget.covers(frame.callId)) return resolved;
    const callKey = this.#keys.keyOf(frame.callId) ?? frame.path.join(" > ");
    const id = (recording && this.#replay.modelOf(recording, callKey)) || resolved.id;
    let checkedStep = 0;
    const tap: LanguageModelV4Middleware = {
      specificationVersion: "v4",
      wrapStream: async ({ doStream, params }) => {
        const place = this.#keys.beginRequest(frame.callId);
        // A retry of the same request is not another request to the budget.
        if (place.step !== checkedStep) {
          checkedStep = place.step;
          this.#budget.beforeRequest(frame.callId, place.step, id);
        }
        const request = recording || this.#recorder ? summarizeRequest(params) : undefined;
        const result = recording
          ? // Non-null: request is summarized whenever a recording or a recorder exists.
            { stream: this.#replayed(recording, place.key, request!) }
          : await doStream();
        const replayed = recording?.exchanges.get(place.key);
        const stream = observeResponse(result.stream, (response) => {
          this.#keys.completeRequest(frame.callId, place.step);
          this.#recorder?.addExchange(
            place.order,
            exchangeToRecord({
              key: place.key,
              // Non-null: request is summarized whenever a recording or a recorder exists.
              request: request!,
              response,
              model: id,
              ...(replayed ? { replayed } : {}),
            }),
          );
        });
        return { ...result, stream };
      },
    };
    return { id, model: wrapLanguageModel({ model: resolved.model, middleware: tap }) };
  }

  complete(): void {
    this.#replay.complete();
  }

  async close(end: RunEventOf<"run-end">): Promise<void> {
    const time = this.#now();
    this.#trace?.add(end, time);
    this.#journal?.add(end, time);
    this.#spans?.add(end, time);
    await this.#spans?.settled();
    try {
      await this.#recorder?.save();
      const { trace: file, cwd } = this.#options;
      if (this.#trace && file) await writeTraceFile(path.resolve(cwd, file), this.#trace.document(), file);
    } finally {
      // If the finished trace could not be written, the unfinished one (with the end) stays.
      this.#journal?.close();
    }
  }

  #approval(event: RunEventOf<"approval-response">): void {
    const key = this.#keys.keyOf(event.callId);
    if (key === undefined) return;
    const { decision } = event;
    const note = approvalNote(decision);
    this.#recorder?.addApproval(this.#keys.orderOf(event.callId), {
      approval: key,
      tool: event.toolName,
      decision: decision.type,
      by: event.decidedBy,
      ...(note ? { note } : {}),
    });
    this.#replay.checkApproval(key, decision.type);
  }

  #replayed(
    recording: Recording,
    key: string,
    request: RecordedRequest,
  ): ReadableStream<LanguageModelV4StreamPart> {
    try {
      return this.#replay.respond(recording, key, request);
    } catch (error) {
      // Drift ends the run at once, before the SDK could ask again.
      this.#options.fail(error);
      throw error;
    }
  }
}

function checkDirectory(cwd: string, file: string, flag: string): void {
  const directory = path.dirname(path.resolve(cwd, file));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ConfigError(`${flag} ${file}: the directory ${directory} does not exist`);
  }
}
