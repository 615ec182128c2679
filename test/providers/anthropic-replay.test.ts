/**
 * Recorded Anthropic Messages traffic replayed through llm-do: worker files on `anthropic:`
 * models, the real `@ai-sdk/anthropic` provider, and `ANTHROPIC_BASE_URL` pointed at the replay
 * server. llm-do always streams; recorded non-streaming messages are served to it as SSE
 * (`anthropicJsonAsStream`) and also replayed through `doGenerate` directly.
 */
import { generateText, isStepCount, tool, wrapLanguageModel } from "ai";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { resolveModel } from "../../src/models/resolve-model.js";
import { retryMiddleware } from "../../src/models/retry-middleware.js";
import { assertBalanced } from "../support/collect-run.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { anthropicJsonAsStream } from "../support/provider-anthropic-sse.js";
import { loadCassette, loadChunks, loadJsonBody, loadNock, loadSse } from "../support/provider-fixtures.js";
import { eventsOf, replayRun, toolCalls } from "../support/provider-replay.js";

const messages = { path: "/v1/messages" };
const helloText =
  "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?";

interface AnthropicRequest {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
}

const bodyOf = (request: { body: unknown } | undefined) => request?.body as AnthropicRequest;

describe("Anthropic, streaming recordings", () => {
  test("two parallel tool calls, then the final text (gzip cassette with real headers)", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("simonw-llm-anthropic/test_tools.yaml"),
      model: "anthropic:claude-haiku-4-5",
      tools: { pelican_name_generator: "Pelly" },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(["pelican_name_generator {}", "pelican_name_generator {}"]);
    expect(outcome.result?.output).toMatch(
      /^Here are two great names for your pet pelican:\n\n1\. \*\*Charles\*\*/,
    );
    expect(outcome.unused).toBe(0);
    assertBalanced(outcome.events);
    const [first, second] = outcome.requests;
    expect(first?.headers["x-api-key"]).toBe("test-anthropic-key");
    expect(first?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(bodyOf(first).stream).toBe(true);
    const results = bodyOf(second).messages.at(-1)?.content;
    expect(results?.map((part) => [part.type, part.content])).toEqual([
      ["tool_result", "Pelly"],
      ["tool_result", "Pelly"],
    ]);
    expect(eventsOf(outcome.events, "model-response").map((event) => event.usage)).toEqual([
      {
        inputTokens: 542,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 62,
        totalTokens: 604,
        requests: 1,
      },
      {
        inputTokens: 678,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 82,
        totalTokens: 760,
        requests: 1,
      },
    ]);
  });

  test("thinking, then a tool call, then text; the thinking block and its signature go back", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette(
        "simonw-llm-anthropic/test_fixed_version_tool_chain_with_thinking_display_regression.yaml",
      ),
      model: "anthropic:claude-haiku-4-5",
      tools: { fixed_version: "0.32a0" },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(["fixed_version {}"]);
    const reasoning = eventsOf(outcome.events, "reasoning-delta")
      .map((event) => event.text)
      .join("");
    expect(reasoning).toMatch(/^The user wants me to:\n1\. Use the fixed_version tool/);
    expect(outcome.result?.output).toMatch(/^The version is \*\*0\.32a0\*\*\./);
    const assistant = bodyOf(outcome.requests[1]).messages.find((message) => message.role === "assistant");
    expect(assistant?.content[0]).toMatchObject({ type: "thinking", signature: expect.any(String) });
  });

  test("thinking and text without tools (pydantic-ai SSE cassette)", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_anthropic_model_thinking_part_stream.yaml"),
      model: "anthropic:claude-sonnet-4-0",
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.output).toMatch(/^Here are the basic steps for safely crossing the street:/);
    expect(eventsOf(outcome.events, "reasoning-delta").length).toBeGreaterThan(5);
    expect(eventsOf(outcome.events, "model-response")[0]?.cost).toEqual({ usd: expect.any(Number) });
  });

  test("redacted thinking blocks, then text", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_anthropic_model_thinking_part_redacted_stream.yaml"),
      model: "anthropic:claude-sonnet-4-5",
    });
    expect(outcome.result?.output).toMatch(
      /^I notice that you've sent what appears to be some kind of test string/,
    );
  });

  test("a tool input split over several deltas (raw SSE capture), then the next response", async () => {
    const outcome = await replayRun({
      exchanges: [
        loadSse("anthropic-sdk-typescript/tool_use_response.txt", messages),
        ...loadChunks("vercel-ai/anthropic-text.chunks.txt", messages),
      ],
      model: "anthropic:claude-sonnet-4-0",
      tools: { get_weather: { temperature: 18 } },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(['get_weather {"location":"Paris"}']);
    expect(eventsOf(outcome.events, "text-end").map((event) => event.text)).toEqual([
      "I'll check the current weather in Paris for you.",
      helloText,
    ]);
  });

  test("AI SDK chunk recordings: a tool named json with a large input; a tool without arguments", async () => {
    const json = await replayRun({
      exchanges: [
        ...loadChunks("vercel-ai/anthropic-json-tool.2.chunks.txt", messages),
        ...loadChunks("vercel-ai/anthropic-text.chunks.txt", messages),
      ],
      model: "anthropic:claude-haiku-4-5",
      tools: { json: "ok" },
    });
    expect(toolCalls(json.events)).toEqual([
      'json {"elements":[{"location":"San Francisco","temperature":58,"condition":"sunny"}]}',
    ]);
    expect(json.result?.output).toBe(helloText);
    const noArgs = await replayRun({
      exchanges: [
        ...loadChunks("vercel-ai/anthropic-tool-no-args.chunks.txt", messages),
        ...loadChunks("vercel-ai/anthropic-clear-thinking.1.chunks.txt", messages),
      ],
      model: "anthropic:claude-sonnet-4-5",
      tools: { updateIssueList: "updated" },
    });
    expect(toolCalls(noArgs.events)).toEqual(["updateIssueList {}"]);
    expect(noArgs.result?.output).toBe("925 ÷ 5 = 185");
  });

  test("newer stream fields (caller, stop_details) are accepted", async () => {
    const outcome = await replayRun({
      exchanges: [
        ...loadCassette("simonw-llm-anthropic/test_stream_events_tool_calls.yaml"),
        ...loadCassette("simonw-llm-anthropic/test_stream_events_thinking.yaml"),
      ],
      model: "anthropic:claude-haiku-4-5",
      tools: { pelican_name_generator: "Pelly" },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(["pelican_name_generator {}"]);
    expect(outcome.result?.output).toContain("**Pouch**");
  });
});

describe("Anthropic, non-streaming recordings", () => {
  test("four parallel tool calls run concurrently, then the answer", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_multiple_parallel_tool_calls.yaml"),
      model: "anthropic:claude-haiku-4-5",
      tools: { retrieve_entity_info: { relation: "family member" } },
      transform: anthropicJsonAsStream,
    });
    expect(toolCalls(outcome.events)).toEqual([
      'retrieve_entity_info {"name":"Alice"}',
      'retrieve_entity_info {"name":"Bob"}',
      'retrieve_entity_info {"name":"Charlie"}',
      'retrieve_entity_info {"name":"Daisy"}',
    ]);
    expect(outcome.result?.output).toMatch(/Therefore, Daisy is the youngest in the family\./);
    expect(bodyOf(outcome.requests[1]).messages.at(-1)?.content).toHaveLength(4);
  });

  test("sequential tool calls over three requests", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_anthropic_mixed_strict_tool_run.yaml"),
      model: "anthropic:claude-sonnet-4-5",
      tools: { country_source: "Japan", capital_lookup: "Tokyo" },
      transform: anthropicJsonAsStream,
    });
    expect(toolCalls(outcome.events)).toEqual(["country_source {}", 'capital_lookup {"country":"Japan"}']);
    expect(outcome.result?.output).toBe("Capital: Tokyo");
    expect(outcome.requests).toHaveLength(3);
  });

  test("thinking with a signature, text and a tool call in one message", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_anthropic_tool_with_thinking.yaml"),
      model: "anthropic:claude-sonnet-4-0",
      tools: { get_user_country: "Mexico" },
      transform: anthropicJsonAsStream,
    });
    expect(toolCalls(outcome.events)).toEqual(["get_user_country {}"]);
    expect(outcome.result?.output).toMatch(/the largest city in your country is \*\*Mexico City\*\*/);
    const assistant = bodyOf(outcome.requests[1]).messages.find((message) => message.role === "assistant");
    expect(assistant?.content.map((part) => part.type)).toEqual(["thinking", "text", "tool_use"]);
  });

  test("the Anthropic SDK's ToolRunner recording (nock)", async () => {
    const outcome = await replayRun({
      exchanges: loadNock("anthropic-sdk-typescript/ToolRunner.json").slice(0, 2),
      model: "anthropic:claude-sonnet-4-0",
      tools: { test_tool: "Tool result" },
      transform: anthropicJsonAsStream,
    });
    expect(toolCalls(outcome.events)).toEqual(['test_tool {"value":"test"}']);
    expect(outcome.result?.output).toMatch(
      /^I have successfully executed the test_tool with the value "test"\./,
    );
  });

  test("doGenerate through llm-do's model resolution and retry layer", async () => {
    await using server = await startFixtureServer([
      loadJsonBody("vercel-ai/anthropic-tool-no-args.json", messages),
      loadJsonBody("vercel-ai/anthropic-text.json", messages),
    ]);
    const env = { ANTHROPIC_API_KEY: "test-anthropic-key", ANTHROPIC_BASE_URL: `${server.url}/v1` };
    const resolved = await resolveModel("anthropic:claude-3-opus-20240229", { env });
    const updates: unknown[] = [];
    const result = await generateText({
      model: wrapLanguageModel({
        model: resolved.model,
        middleware: retryMiddleware({ modelId: resolved.id }),
      }),
      maxRetries: 0,
      prompt: "Update the issue list.",
      tools: {
        updateIssueList: tool({
          inputSchema: z.object({}),
          execute: async (input) => {
            updates.push(input);
            return "done";
          },
        }),
      },
      stopWhen: isStepCount(2),
    });
    expect(updates).toEqual([{}]);
    expect(result.steps[0]?.toolCalls.map((call) => call.toolName)).toEqual(["updateIssueList"]);
    expect(result.text).toBe(
      "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(bodyOf(server.requests[0]).stream).toBeUndefined();
  });
});
