/**
 * @module The part of OpenTelemetry's tracing API llm-do uses. It matches `@opentelemetry/api`
 * (a `Tracer` from `trace.getTracer(...)` fits as is), so llm-do needs no dependency on it: the
 * user who configures an exporter passes their tracer in. Nothing is sent otherwise.
 */

/** An attribute value. */
export type TelemetryAttributeValue = string | number | boolean | string[] | number[];

/** Attributes of a span or a span event. */
export type TelemetryAttributes = Record<string, TelemetryAttributeValue>;

/** A span, as `@opentelemetry/api` shapes it (the methods llm-do calls). */
export interface TelemetrySpan {
  setAttribute(key: string, value: TelemetryAttributeValue): unknown;
  /** `code`: 1 ok, 2 error (`SpanStatusCode`). */
  setStatus(status: { code: number; message?: string }): unknown;
  addEvent(name: string, attributes?: TelemetryAttributes, time?: number): unknown;
  /** `endTime` in epoch milliseconds. */
  end(endTime?: number): void;
}

/** Options of a new span. */
export interface TelemetrySpanOptions {
  /** `SpanKind`: 0 internal, 2 client. */
  kind?: number;
  attributes?: TelemetryAttributes;
  /** Epoch milliseconds. */
  startTime?: number;
}

/** A tracer, as `@opentelemetry/api` shapes it. */
export interface TelemetryTracer {
  /** `context` carries the parent span (see {@link TelemetryOptions.contextWithSpan}). */
  startSpan(name: string, options?: TelemetrySpanOptions, context?: unknown): TelemetrySpan;
}

/** `run({ telemetry })`: where spans go. */
export interface TelemetryOptions {
  /** E.g. `trace.getTracer("llm-do")` from `@opentelemetry/api`. */
  tracer: TelemetryTracer;
  /**
   * The context that makes `span` the parent of new spans, e.g.
   * `(span) => trace.setSpan(context.active(), span)`. Tracers made by llm-do need none.
   */
  contextWithSpan?: (span: TelemetrySpan) => unknown;
  /** Called once the run has ended, e.g. to export buffered spans; the run waits for it. */
  flush?: () => Promise<void>;
}
