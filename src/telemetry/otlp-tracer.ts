/**
 * @module A minimal tracer that sends spans to an OpenTelemetry collector over OTLP/HTTP with
 * JSON bodies, so `llm-do` can export traces without the OpenTelemetry SDK. Spans are kept
 * until {@link OtlpTracer.flush}, which the run calls when it ends.
 */
import { randomBytes } from "node:crypto";
import { errorMessage } from "../errors.js";
import type {
  TelemetryAttributes,
  TelemetryAttributeValue,
  TelemetrySpan,
  TelemetrySpanOptions,
  TelemetryTracer,
} from "./telemetry-tracer.js";

/** Options of {@link createOtlpTracer}. */
export interface OtlpTracerOptions {
  /** The full traces URL, e.g. `http://localhost:4318/v1/traces`. */
  url: string;
  /** Extra request headers (authentication). */
  headers?: Record<string, string>;
  /** `service.name` of the resource (default `llm-do`). */
  serviceName?: string;
  fetch?: typeof globalThis.fetch;
  /** Told when an export fails (the run goes on). */
  onError?: (message: string) => void;
}

/** A tracer whose spans are sent by `flush`. */
export interface OtlpTracer extends TelemetryTracer {
  /** Sends the ended spans and forgets them. Contract: never rejects; failures go to `onError`. */
  flush(): Promise<void>;
}

interface SpanData {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano?: string;
  attributes: TelemetryAttributes;
  events: Array<{ name: string; timeUnixNano: string; attributes: TelemetryAttributes }>;
  status?: { code: number; message?: string };
}

/** Creates the tracer. A span passed as the `context` of `startSpan` is the parent. */
export function createOtlpTracer(options: OtlpTracerOptions): OtlpTracer {
  const ended: SpanData[] = [];
  const owners = new WeakMap<object, SpanData>();
  return {
    startSpan(name: string, spanOptions: TelemetrySpanOptions = {}, context?: unknown): TelemetrySpan {
      const parent = typeof context === "object" && context !== null ? owners.get(context) : undefined;
      const data: SpanData = {
        traceId: parent?.traceId ?? randomBytes(16).toString("hex"),
        spanId: randomBytes(8).toString("hex"),
        ...(parent ? { parentSpanId: parent.spanId } : {}),
        name,
        // OTLP numbers span kinds from 1 (internal); the API from 0.
        kind: (spanOptions.kind ?? 0) + 1,
        startTimeUnixNano: nanos(spanOptions.startTime ?? Date.now()),
        attributes: { ...spanOptions.attributes },
        events: [],
      };
      const span: TelemetrySpan = {
        setAttribute: (key, value) => {
          data.attributes[key] = value;
        },
        setStatus: (status) => {
          data.status = status;
        },
        addEvent: (eventName, attributes = {}, time = Date.now()) => {
          data.events.push({ name: eventName, timeUnixNano: nanos(time), attributes });
        },
        end: (time = Date.now()) => {
          if (data.endTimeUnixNano) return;
          data.endTimeUnixNano = nanos(time);
          ended.push(data);
        },
      };
      owners.set(span, data);
      return span;
    },
    async flush() {
      if (ended.length === 0) return;
      const spans = ended.splice(0);
      try {
        const response = await (options.fetch ?? globalThis.fetch)(options.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...options.headers },
          body: JSON.stringify(exportRequest(spans, options.serviceName ?? "llm-do")),
        });
        if (!response.ok)
          options.onError?.(`the collector at ${options.url} answered HTTP ${response.status}`);
      } catch (error) {
        options.onError?.(`cannot send spans to ${options.url}: ${errorMessage(error)}`);
      }
    },
  };
}

function exportRequest(spans: SpanData[], serviceName: string) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributeList({ "service.name": serviceName }) },
        scopeSpans: [
          {
            scope: { name: "llm-do" },
            spans: spans.map(({ attributes, events, ...span }) => ({
              ...span,
              attributes: attributeList(attributes),
              events: events.map((event) => ({ ...event, attributes: attributeList(event.attributes) })),
            })),
          },
        ],
      },
    ],
  };
}

function attributeList(attributes: TelemetryAttributes) {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: TelemetryAttributeValue): Record<string, unknown> {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => anyValue(item)) } };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
}

function nanos(milliseconds: number): string {
  return (BigInt(Math.round(milliseconds * 1000)) * 1000n).toString();
}
