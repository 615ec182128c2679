/**
 * @module OpenTelemetry export for the command line, configured the standard way: spans go to
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`) over
 * OTLP/HTTP JSON, with `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_SERVICE_NAME`. Without an endpoint,
 * or with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`, nothing is sent.
 */
import { createOtlpTracer, type OtlpTracer } from "./otlp-tracer.js";

/** The tracer the environment asks for, or undefined (the default: no telemetry). */
export function telemetryFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  options: { onError?: (message: string) => void; fetch?: typeof globalThis.fetch } = {},
): OtlpTracer | undefined {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === "true" || env.OTEL_TRACES_EXPORTER === "none")
    return undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || (base ? `${base.replace(/\/+$/, "")}/v1/traces` : "");
  if (!url) return undefined;
  return createOtlpTracer({
    url,
    headers: parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS ?? ""),
    serviceName: env.OTEL_SERVICE_NAME || "llm-do",
    ...options,
  });
}

/** `key1=value1,key2=value2` (values URL-encoded), as the OpenTelemetry variables write headers. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const index = pair.indexOf("=");
    if (index <= 0) continue;
    headers[pair.slice(0, index).trim()] = decodeURIComponent(pair.slice(index + 1).trim());
  }
  return headers;
}
