import { describe, expect, test } from "vitest";
import { serverToolEvent } from "./server-tool-event.js";

const where = { callId: "c1", path: ["main"] };

describe("serverToolEvent", () => {
  test("calls and results the provider executed", () => {
    expect(
      serverToolEvent(
        {
          type: "tool-call",
          toolCallId: "s1",
          toolName: "web_search",
          input: { query: "q" },
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
      serverToolEvent(
        {
          type: "tool-result",
          toolCallId: "s1",
          toolName: "web_search",
          output: [1],
          providerExecuted: true,
        },
        where,
      ),
    ).toMatchObject({ type: "server-tool-result", output: [1], isError: false });
  });

  test("a failed provider tool is a result with isError, its error as plain data", () => {
    expect(
      serverToolEvent(
        {
          type: "tool-error",
          toolCallId: "s2",
          toolName: "web_fetch",
          error: new Error("url_not_accessible"),
          providerExecuted: true,
        },
        where,
      ),
    ).toMatchObject({
      type: "server-tool-result",
      isError: true,
      output: { name: "Error", message: "url_not_accessible" },
    });
  });

  test("tools the harness runs are not server tool events", () => {
    expect(
      serverToolEvent({ type: "tool-call", toolCallId: "t", toolName: "read_file", input: {} }, where),
    ).toBeUndefined();
  });
});
