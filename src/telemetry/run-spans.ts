/**
 * @module A run's OpenTelemetry spans as the run's instrumentation feeds them. `@opentelemetry/api`
 * and the {@link SpanRecorder} load when a run starts, not with llm-do (a run with
 * `telemetry: false` never loads them); the events that come before they are ready wait, in order.
 * llm-do registers nothing: without a tracer provider registered by the application, the API's
 * spans are no-ops and the recorder stops at the run's first event.
 */
import type { Tracer } from "@opentelemetry/api";
import { errorMessage } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import type { SpanRecorder } from "./span-recorder.js";

/**
 * `run({ telemetry })`. By default spans go to the tracer provider the application registered
 * with `@opentelemetry/api` (none: no spans); `{ tracer }` sends them to that tracer instead,
 * and `false` records none.
 */
export type RunTelemetry = false | { tracer: Tracer };

/** The spans of one run. */
export interface RunSpans {
  /** Adds one event that happened at `time` (epoch milliseconds). */
  add(event: RunEvent, time: number): void;
  /** Resolves once every event added so far is in a span. Contract: never rejects. */
  settled(): Promise<void>;
}

/**
 * The spans of one run, or undefined for `telemetry: false`. Contract: never throws; if the
 * recorder cannot load, `onError` is told and the run has no spans.
 */
export function runSpans(
  telemetry: RunTelemetry | undefined,
  onError: (message: string) => void,
): RunSpans | undefined {
  if (telemetry === false) return undefined;
  let recorder: SpanRecorder | undefined;
  let pending: Array<[RunEvent, number]> | undefined = [];
  // Loaded in the run's own async context, so the caller's active span is the run span's parent.
  const ready = import("./span-recorder.js")
    .then(({ SpanRecorder }) => {
      const loaded = new SpanRecorder(telemetry?.tracer);
      for (const [event, time] of pending ?? []) loaded.add(event, time);
      recorder = loaded;
      pending = undefined;
    })
    .catch((error: unknown) => {
      pending = undefined;
      onError(`OpenTelemetry spans are off for this run: ${errorMessage(error)}`);
    });
  return {
    add(event, time) {
      if (recorder) recorder.add(event, time);
      else pending?.push([event, time]);
    },
    settled: () => ready,
  };
}
