/**
 * @module OpenTelemetry export for the command line, configured the standard way: spans go to
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`) over
 * OTLP/HTTP JSON, with `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_SERVICE_NAME`. Without an endpoint,
 * or with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`, nothing is sent.
 */
import { ConfigError } from "../errors.js";
import { createOtlpTracer, type OtlpTracer } from "./otlp-tracer.js";

/**
 * The tracer the environment asks for, or undefined (the default: no telemetry). Contract:
 * throws a ConfigError for a header value that is not valid URL encoding.
 */
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
    headers: headersOf(env),
    serviceName: env.OTEL_SERVICE_NAME || "llm-do",
    ...options,
  });
}

function headersOf(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const variable =
    env.OTEL_EXPORTER_OTLP_TRACES_HEADERS !== undefined
      ? "OTEL_EXPORTER_OTLP_TRACES_HEADERS"
      : "OTEL_EXPORTER_OTLP_HEADERS";
  return parseHeaders(env[variable] ?? "", variable);
}

/**
 * `key1=value1,key2=value2` (values URL-encoded), as the OpenTelemetry variables write headers.
 * Contract: throws a ConfigError naming `variable` and the header when a value has a bad `%` escape.
 */
export function parseHeaders(text: string, variable = "OTEL_EXPORTER_OTLP_HEADERS"): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const index = pair.indexOf("=");
    if (index <= 0) continue;
    const name = pair.slice(0, index).trim();
    try {
      headers[name] = decodeURIComponent(pair.slice(index + 1).trim());
    } catch {
      throw new ConfigError(
        `${variable}: the value of header '${name}' is not valid URL encoding (write a literal % as %25)`,
      );
    }
  }
  return headers;
}
