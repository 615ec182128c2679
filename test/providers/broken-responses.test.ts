/**
 * Responses that are not a complete, valid answer, served by a local server to the real AI SDK
 * providers: an empty body, garbage, plain JSON, a stream cut before its finish event, an
 * unparsable or unknown event. None of them is an answer: each is retried like a stream that
 * broke off, and when retries are spent the run fails with one line naming the model, what was
 * wrong, the HTTP status and the attempts.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import {
  anthropicText,
  bodyExchange,
  chatText,
  namedEvents,
  paths,
  responsesText,
} from "../support/broken-responses.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";
import { startFixtureServer } from "../support/fixture-server.js";
import type { RecordedExchange } from "../support/provider-fixtures.js";
import { eventsOf, replayRun } from "../support/provider-replay.js";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const anthropic = "anthropic:claude-haiku-4-5";
const chat = "openai-chat:gpt-4o";
const responses = "openai:gpt-4o";

interface Fault {
  name: string;
  model: string;
  exchange: () => RecordedExchange;
  problem: string;
}

const faults: Fault[] = [
  {
    name: "Anthropic: an empty 200 body",
    model: anthropic,
    exchange: () => bodyExchange(paths.anthropic, ""),
    problem: "the response body was empty",
  },
  {
    name: "Anthropic: garbage",
    model: anthropic,
    exchange: () => bodyExchange(paths.anthropic, "garbage ]]] not an event\n\n"),
    problem: "the response stream held no events",
  },
  {
    name: "Anthropic: a whole message as plain JSON, not a stream",
    model: anthropic,
    exchange: () =>
      bodyExchange(
        paths.anthropic,
        JSON.stringify({
          id: "msg_1",
          type: "message",
          role: "assistant",
          content: [{ type: "text", text: "hi" }],
          stop_reason: "end_turn",
          usage: { input_tokens: 1, output_tokens: 1 },
        }),
        { contentType: "application/json" },
      ),
    problem: "the response was application/json, not an event stream",
  },
  {
    name: "Anthropic: {} with no content-type",
    model: anthropic,
    exchange: () => bodyExchange(paths.anthropic, "{}", { contentType: null }),
    problem: "the response was not an event stream: it had no content-type",
  },
  {
    name: "Anthropic: a stream that never sends message_stop",
    model: anthropic,
    exchange: () => bodyExchange(paths.anthropic, anthropicText("half an ans", { complete: false })),
    problem: "the response stream ended without message_stop",
  },
  {
    name: "Anthropic: an event that is not JSON",
    model: anthropic,
    exchange: () =>
      bodyExchange(
        paths.anthropic,
        `${anthropicText("half", { complete: false })}event: content_block_delta\ndata: {not json\n\n`,
      ),
    problem: "the response stream held an event that is not valid JSON: {not json",
  },
  {
    name: "Anthropic: an event of a type the client does not know",
    model: anthropic,
    exchange: () =>
      bodyExchange(
        paths.anthropic,
        `${anthropicText("half", { complete: false })}${namedEvents([{ type: "bogus_event", x: 1 }])}`,
      ),
    problem: 'the response stream held an event of an unknown shape: {"type":"bogus_event","x":1}',
  },
  {
    name: "Anthropic: an unparsable first event",
    model: anthropic,
    exchange: () => bodyExchange(paths.anthropic, "event: message_start\ndata: {bad\n\n"),
    problem: "the response could not be read: Expected a normalized Anthropic stream error",
  },
  {
    name: "OpenAI Chat: a stream with only [DONE]",
    model: chat,
    exchange: () => bodyExchange(paths.chat, "data: [DONE]\n\n"),
    problem: "the response stream ended without a finish_reason",
  },
  {
    name: "OpenAI Chat: text but no finish_reason",
    model: chat,
    exchange: () => bodyExchange(paths.chat, chatText("half an ans", { finish: false })),
    problem: "the response stream ended without a finish_reason",
  },
  {
    name: "OpenAI Chat: an empty 200 body",
    model: chat,
    exchange: () => bodyExchange(paths.chat, ""),
    problem: "the response body was empty",
  },
  {
    name: "OpenAI Responses: text but no response.completed",
    model: responses,
    exchange: () => bodyExchange(paths.responses, responsesText("half an ans", { complete: false })),
    problem: "the response stream ended without response.completed",
  },
  {
    name: "OpenAI Responses: {} as JSON",
    model: responses,
    exchange: () => bodyExchange(paths.responses, "{}", { contentType: "application/json" }),
    problem: "the response was application/json, not an event stream",
  },
];

describe("a response that is not a complete answer is retried, then fails with what was wrong", () => {
  test.each(faults)("$name", async ({ model, exchange, problem }) => {
    const outcome = await replayRun({
      exchanges: [exchange(), exchange(), exchange()],
      model,
      retry: { maxAttempts: 3 },
    });
    expect(outcome.result).toBeUndefined();
    expect(outcome.error?.code).toBe("MODEL_CALL");
    expect(outcome.error?.message).toBe(
      `Model call to ${model} failed: ${problem} (HTTP 200, after 3 attempts)`,
    );
    expect(outcome.requests).toHaveLength(3);
    expect(eventsOf(outcome.events, "model-retry").map((event) => [event.attempt, event.reason])).toEqual([
      [1, problem],
      [2, problem],
    ]);
    expect(eventsOf(outcome.events, "run-end")[0]).toMatchObject({
      outcome: "error",
      error: { code: "MODEL_CALL" },
    });
    assertBalanced(outcome.events);
  });
});

describe("a broken attempt followed by a good one", () => {
  test.each([
    {
      name: "Anthropic",
      model: anthropic,
      broken: bodyExchange(paths.anthropic, anthropicText("half an ans", { complete: false })),
      good: bodyExchange(paths.anthropic, anthropicText("The whole answer.")),
    },
    {
      name: "OpenAI Chat",
      model: chat,
      broken: bodyExchange(paths.chat, chatText("half an ans", { finish: false })),
      good: bodyExchange(paths.chat, chatText("The whole answer.")),
    },
    {
      name: "OpenAI Responses",
      model: responses,
      broken: bodyExchange(paths.responses, responsesText("half an ans", { complete: false })),
      good: bodyExchange(paths.responses, responsesText("The whole answer.")),
    },
  ])("$name: the partial text is discarded and the answer is the good attempt's", async (scenario) => {
    const outcome = await replayRun({ exchanges: [scenario.broken, scenario.good], model: scenario.model });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.output).toBe("The whole answer.");
    expect(eventsOf(outcome.events, "model-retry")).toMatchObject([{ attempt: 1, midStream: true }]);
    expect(eventsOf(outcome.events, "model-output-discarded").map((event) => event.text)).toEqual([
      "half an ans",
    ]);
    expect(eventsOf(outcome.events, "model-response")).toHaveLength(1);
  });
});

test("one attempt allowed: the error names the problem and the status, no attempt count", async () => {
  const outcome = await replayRun({
    exchanges: [bodyExchange(paths.anthropic, "")],
    model: anthropic,
    retry: { maxAttempts: 1 },
  });
  expect(outcome.error?.message).toBe(
    `Model call to ${anthropic} failed: the response body was empty (HTTP 200)`,
  );
});

test("--record keeps only the attempt that was an answer, and the recording replays", async () => {
  await using server = await startFixtureServer([
    bodyExchange(paths.anthropic, anthropicText("half an ans", { complete: false })),
    bodyExchange(paths.anthropic, anthropicText("The whole answer.")),
  ]);
  await using project = await tempProject({
    "main.worker": `---\nname: main\nmodel: ${anthropic}\n---\nAnswer.\n`,
  });
  const recorded = await collectRun({
    files: [project.path("main.worker")],
    input: "Go.",
    cwd: project.dir,
    env: { HOME: project.dir, ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: `${server.url}/v1` },
    record: "run.replay",
    retry: { sleep: async () => {} },
  });
  expect(recorded.result?.output).toBe("The whole answer.");
  const recording = await readFile(project.path("run.replay"), "utf8");
  expect(recording).not.toContain("half an ans");
  const replayed = await collectRun({
    files: [project.path("main.worker")],
    input: "Go.",
    cwd: project.dir,
    env: { HOME: project.dir },
    model: "replay:run.replay",
  });
  expect(replayed.error).toBeUndefined();
  expect(replayed.result?.output).toBe("The whole answer.");
});

test("an OpenAI-compatible server (Ollama, OpenRouter, ...) without a finish_reason is retried the same way", async () => {
  const outcome = await replayRun({
    exchanges: [1, 2, 3].map(() => bodyExchange(paths.chat, chatText("half an ans", { finish: false }))),
    model: "openai-compatible:local-model",
    retry: { maxAttempts: 3 },
  });
  expect(outcome.error?.message).toBe(
    "Model call to openai-compatible:local-model failed: the response stream ended without a finish_reason (HTTP 200, after 3 attempts)",
  );
});
