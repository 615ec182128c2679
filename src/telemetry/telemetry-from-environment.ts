/**
 * @module Where the command line exports spans, configured the standard way: to
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`) over
 * OTLP/HTTP JSON, with `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_EXPORTER_OTLP_TIMEOUT` and
 * `OTEL_SERVICE_NAME` (each `_TRACES_` variable before the general one). Without an endpoint,
 * or with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`, nothing is exported. Read
 * here rather than by the exporter, which reads `process.env`: the command line takes its
 * environment from `CliIo`, and a value it cannot read is a ConfigError naming the variable.
 */
import { ConfigError } from "../errors.js";

/** Where and how to export spans. */
export interface OtlpExportSettings {
  /** The full traces URL, e.g. `http://localhost:4318/v1/traces`. */
  url: string;
  /** Extra request headers (authentication). */
  headers: Record<string, string>;
  /** `service.name` of the resource (default `llm-do`). */
  serviceName: string;
  /** How long one export may take, retries included (default: the exporter's, 10 s). */
  timeoutMs?: number;
}

/**
 * The export the environment asks for, or undefined (the default: no telemetry). Contract:
 * throws a ConfigError for a header value that is not valid URL encoding, or a timeout that is
 * not a positive number of milliseconds.
 */
export function telemetryFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): OtlpExportSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.toLowerCase() === "true" || env.OTEL_TRACES_EXPORTER === "none")
    return undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || (base ? `${base.replace(/\/+$/, "")}/v1/traces` : "");
  if (!url) return undefined;
  const timeoutMs = timeoutOf(env);
  return {
    url,
    headers: headersOf(env),
    serviceName: env.OTEL_SERVICE_NAME || "llm-do",
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

function timeoutOf(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const variable =
    env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT !== undefined
      ? "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"
      : "OTEL_EXPORTER_OTLP_TIMEOUT";
  const text = env[variable]?.trim();
  if (!text) return undefined;
  const milliseconds = Number(text);
  if (!Number.isInteger(milliseconds) || milliseconds <= 0) {
    throw new ConfigError(
      `${variable}: '${text}' is not a timeout (write a positive number of milliseconds)`,
    );
  }
  return milliseconds;
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
