import { describe, expect, test } from "vitest";
import { serverToolEvent } from "./server-tool-event.js";

const where = { callId: "c1", path: ["main"] };

describe("serverToolEvent", () => {
  test("calls and results the provider executed, the input parsed from its JSON", () => {
    expect(
      serverToolEvent(
        {
          type: "tool-call",
          toolCallId: "s1",
          toolName: "web_search",
          input: '{"query":"q"}',
          providerExecuted: true,
        },
        where,
      ),
    ).toEqual({
      type: "server-tool-call",
      callId: "c1",
      path: ["main"],
      toolCallId: "s1",
      toolName: "web_search",
      input: { query: "q" },
    });
    expect(
      serverToolEvent({ type: "tool-result", toolCallId: "s1", toolName: "web_search", result: [1] }, where),
    ).toEqual({
      type: "server-tool-result",
      callId: "c1",
      path: ["main"],
      toolCallId: "s1",
      toolName: "web_search",
      output: [1],
      isError: false,
    });
  });

  test("a failed provider tool is a result with isError", () => {
    expect(
      serverToolEvent(
        {
          type: "tool-result",
          toolCallId: "s2",
          toolName: "web_fetch",
          result: { error_code: "url_not_accessible" },
          isError: true,
        },
        where,
      ),
    ).toMatchObject({
      type: "server-tool-result",
      isError: true,
      output: { error_code: "url_not_accessible" },
    });
  });

  test("input that is not JSON is kept as text", () => {
    expect(
      serverToolEvent(
        { type: "tool-call", toolCallId: "s3", toolName: "code", input: "print(1)", providerExecuted: true },
        where,
      ),
    ).toMatchObject({ input: "print(1)" });
  });

  test("tools the harness runs and preliminary results are not server tool events", () => {
    expect(
      serverToolEvent({ type: "tool-call", toolCallId: "t1", toolName: "read_file", input: "{}" }, where),
    ).toBeUndefined();
    expect(
      serverToolEvent(
        { type: "tool-result", toolCallId: "s4", toolName: "web_search", result: [], preliminary: true },
        where,
      ),
    ).toBeUndefined();
  });
});
