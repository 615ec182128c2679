/**
 * @module The command line's OpenTelemetry export: a tracer provider of the OpenTelemetry SDK
 * whose spans the official OTLP/HTTP exporter sends in batches. It is not registered globally:
 * the command passes its tracer to `run({ telemetry })`. Loaded only when the environment asks
 * for an export (see `telemetryFromEnvironment`), so a plain run's start-up does not load the SDK.
 */
import type { Tracer } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { errorMessage } from "../errors.js";
import { TRACER_NAME } from "./span-recorder.js";
import type { OtlpExportSettings } from "./telemetry-from-environment.js";

/** A running export. */
export interface OtlpExport {
  /** The tracer to pass to `run({ telemetry: { tracer } })`. */
  tracer: Tracer;
  /** Sends the spans not sent yet and stops. Contract: never rejects; failures go to `onError`. */
  shutdown(): Promise<void>;
}

/** Starts exporting to `settings.url`; `onError` is told once if spans could not be sent. */
export function startOtlpExport(
  settings: OtlpExportSettings,
  onError: (message: string) => void,
): OtlpExport {
  // A collector that cannot be reached fails every batch and the shutdown: one warning says it.
  let reported = false;
  const report = (reason: string) => {
    if (reported) return;
    reported = true;
    onError(`cannot send spans to ${settings.url}: ${reason}`);
  };
  const exporter = reportingFailures(
    new OTLPTraceExporter({
      url: settings.url,
      headers: settings.headers,
      ...(settings.timeoutMs !== undefined ? { timeoutMillis: settings.timeoutMs } : {}),
    }),
    report,
  );
  const provider = new TracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName })),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  return {
    tracer: provider.getTracer(TRACER_NAME),
    shutdown: () => provider.shutdown().catch((error: unknown) => report(errorMessage(error))),
  };
}

/** The exporter, telling `onFailure` why a batch was not sent (the SDK only logs it to `diag`). */
function reportingFailures(exporter: SpanExporter, onFailure: (reason: string) => void): SpanExporter {
  return {
    export: (spans, done) =>
      exporter.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) onFailure(result.error?.message ?? "the export failed");
        done(result);
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
