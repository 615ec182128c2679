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

  test("no endpoint, or telemetry turned off: no tracer", () => {
    expect(telemetryFromEnvironment({})).toBeUndefined();
    expect(
      telemetryFromEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://x", OTEL_SDK_DISABLED: "TRUE" }),
    ).toBeUndefined();
  });
});
