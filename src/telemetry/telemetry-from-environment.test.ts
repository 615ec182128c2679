import { describe, expect, test } from "vitest";
import { ConfigError } from "../errors.js";
import { parseHeaders, telemetryFromEnvironment } from "./telemetry-from-environment.js";

describe("telemetryFromEnvironment", () => {
  test("headers are URL-decoded; pairs without a name are skipped", () => {
    expect(parseHeaders("authorization=Bearer%20secret, x-team = a=b ,=lost,junk")).toEqual({
      authorization: "Bearer secret",
      "x-team": "a=b",
    });
  });

  test("a bad % escape is a ConfigError naming the variable and the header", () => {
    const make = () =>
      telemetryFromEnvironment({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318",
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: "api-key=100%",
      });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(
      "OTEL_EXPORTER_OTLP_TRACES_HEADERS: the value of header 'api-key' is not valid URL encoding (write a literal % as %25)",
    );
  });

  test("the traces URL comes from the traces endpoint, else the base endpoint + /v1/traces", () => {
    expect(telemetryFromEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toEqual({
      url: "http://collector:4318/v1/traces",
      headers: {},
      serviceName: "llm-do",
    });
    expect(
      telemetryFromEnvironment({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://traces:4318/custom",
        OTEL_EXPORTER_OTLP_HEADERS: "a=1",
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: "b=2",
        OTEL_SERVICE_NAME: "demo",
      }),
    ).toEqual({ url: "http://traces:4318/custom", headers: { b: "2" }, serviceName: "demo" });
  });

  test("the export timeout is a positive number of milliseconds, or a ConfigError naming the variable", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(telemetryFromEnvironment({ ...endpoint, OTEL_EXPORTER_OTLP_TIMEOUT: "500" })?.timeoutMs).toBe(500);
    expect(() => telemetryFromEnvironment({ ...endpoint, OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "2s" })).toThrow(
      "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '2s' is not a timeout (write a positive number of milliseconds)",
    );
  });

  test("no endpoint, or telemetry turned off: no export", () => {
    expect(telemetryFromEnvironment({})).toBeUndefined();
    expect(
      telemetryFromEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://x", OTEL_SDK_DISABLED: "TRUE" }),
    ).toBeUndefined();
  });
});
