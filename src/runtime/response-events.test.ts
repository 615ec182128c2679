import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { describe, expect, test } from "vitest";
import type { RunEvent } from "../events/run-event.js";
import { ResponseAssembler } from "../models/response-assembler.js";
import { ResponseEvents } from "./response-events.js";

/** The events of parts fed as generateFromStream feeds them: each attempt has its own response. */
function setup() {
  const events: RunEvent[] = [];
  const responses = new ResponseEvents(
    { callId: "c1", path: ["main"] },
    (event) => events.push(event),
    "test:m",
  );
  let response = new ResponseAssembler();
  const feed = (...parts: LanguageModelV4StreamPart[]) => {
    for (const part of parts) {
      responses.onPart(part, response);
      response.add(part);
    }
  };
  const nextAttempt = () => {
    response = new ResponseAssembler();
  };
  return { events, responses, feed, nextAttempt };
}

const notice = (midStream: boolean) => ({
  attempt: 1,
  maxAttempts: 5,
  delayMs: 750,
  status: 529,
  reason: "overloaded_error: Overloaded",
  midStream,
});

describe("ResponseEvents", () => {
  test("deltas stream as they come; each text block ends with its whole text", () => {
    const { events, feed } = setup();
    feed(
      { type: "text-delta", id: "a", delta: "Hel" },
      { type: "reasoning-delta", id: "r", delta: "hmm" },
      { type: "text-delta", id: "a", delta: "lo" },
      { type: "text-end", id: "a" },
    );
    expect(events.map((event) => [event.type, "text" in event ? event.text : ""])).toEqual([
      ["text-delta", "Hel"],
      ["reasoning-delta", "hmm"],
      ["text-delta", "lo"],
      ["text-end", "Hello"],
    ]);
  });

  test("a retry after a broken stream discards what that attempt streamed, for the step it was", () => {
    const { events, responses, feed, nextAttempt } = setup();
    expect(responses.onResponseEnd()).toBe(1);
    nextAttempt();
    feed(
      { type: "reasoning-delta", id: "r", delta: "think" },
      { type: "text-delta", id: "a", delta: "half" },
    );
    responses.onRetry(notice(true));
    nextAttempt();
    feed({ type: "text-delta", id: "a", delta: "whole" }, { type: "text-end", id: "a" });
    expect(events.slice(2)).toEqual([
      { type: "model-retry", callId: "c1", path: ["main"], model: "test:m", ...notice(true) },
      {
        type: "model-output-discarded",
        callId: "c1",
        path: ["main"],
        step: 2,
        text: "half",
        reasoning: "think",
      },
      { type: "text-delta", callId: "c1", path: ["main"], text: "whole" },
      { type: "text-end", callId: "c1", path: ["main"], text: "whole" },
    ]);
    expect(responses.onResponseEnd()).toBe(2);
  });

  test("a retry of a request that never streamed discards nothing", () => {
    const { events, responses } = setup();
    responses.onRetry(notice(false));
    expect(events.map((event) => event.type)).toEqual(["model-retry"]);
  });

  test("only tools the provider ran become server tool events", () => {
    const { events, feed } = setup();
    feed(
      { type: "tool-call", toolCallId: "t1", toolName: "read_file", input: "{}" },
      {
        type: "tool-call",
        toolCallId: "s1",
        toolName: "web_search",
        input: '{"query":"q"}',
        providerExecuted: true,
      },
    );
    expect(events).toEqual([
      {
        type: "server-tool-call",
        callId: "c1",
        path: ["main"],
        toolCallId: "s1",
        toolName: "web_search",
        input: { query: "q" },
      },
    ]);
  });
});
