/**
 * Recorded OpenAI traffic replayed through llm-do: `openai-chat:` (Chat Completions) and
 * `openai:` (the Responses API, the default) worker models on the real `@ai-sdk/openai`
 * provider, with `OPENAI_BASE_URL` pointed at the replay server.
 */
import { generateText, isStepCount, tool, wrapLanguageModel } from "ai";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { resolveModel } from "../../src/models/resolve-model.js";
import { retryMiddleware } from "../../src/models/retry-middleware.js";
import { startFixtureServer } from "../support/fixture-server.js";
import { loadCassette, loadChunks } from "../support/provider-fixtures.js";
import { eventsOf, replayRun, toolCalls } from "../support/provider-replay.js";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

interface OpenAiRequest {
  model: string;
  stream?: boolean;
  stream_options?: unknown;
  messages?: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
  input?: Array<{ type?: string; role?: string; output?: unknown; call_id?: string }>;
}

const bodyOf = (request: { body: unknown } | undefined) => request?.body as OpenAiRequest;

describe("OpenAI Chat Completions (openai-chat:)", () => {
  test("a tool call streamed over several chunks, then the answer", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_run_stream_sync_streams_real_model.yaml"),
      model: "openai-chat:gpt-4o-mini",
      tools: { get_capital: "London" },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(['get_capital {"country":"UK"}']);
    expect(outcome.result?.output).toBe("The capital of the UK is London.");
    expect(outcome.requests.map((request) => request.path)).toEqual([
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
    const first = outcome.requests[0];
    expect(first?.headers.authorization).toBe("Bearer test-openai-key");
    expect(bodyOf(first)).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(bodyOf(outcome.requests[1]).messages?.at(-1)).toMatchObject({ role: "tool", content: "London" });
    expect(eventsOf(outcome.events, "model-response")[0]?.cost).toEqual({ usd: expect.any(Number) });
  });

  test("plain vcrpy cassette with rate-limit headers", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("simonw-llm/test_tool_use_basic.yaml"),
      model: "openai-chat:gpt-4o-mini",
      tools: { multiply: 2869461 },
    });
    expect(toolCalls(outcome.events)).toEqual(['multiply {"a":1231,"b":2331}']);
    expect(outcome.result?.output).toBe("The result of \\( 1231 \\times 2331 \\) is \\( 2,869,461 \\).");
  });

  test("two parallel tool calls in one stream, then two more steps (stopped at the step limit of three)", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_complex_agent_run.yaml"),
      model: "openai-chat:gpt-4o",
      tools: {
        get_country: "Mexico",
        get_product_name: "Pydantic AI",
        get_weather: "sunny",
        final_result: "ok",
      },
      maxSteps: 3,
    });
    // The recording ends with pydantic-ai's `final_result` tool call: to llm-do, a worker still
    // calling tools at its limit, which is an error, not an answer.
    expect(outcome.error?.code).toBe("STEP_LIMIT");
    const calls = toolCalls(outcome.events);
    expect(calls.slice(0, 3)).toEqual([
      "get_country {}",
      "get_product_name {}",
      'get_weather {"city":"Mexico City"}',
    ]);
    expect(calls[3]).toContain(
      'final_result {"answers":[{"label":"Capital","answer":"The capital of Mexico is Mexico City."}',
    );
    expect(outcome.requests).toHaveLength(3);
  });
});

describe("OpenAI Responses (openai:)", () => {
  test("openai: means the Responses API: a tool call, then the answer", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_openai_responses_stream.yaml"),
      model: "openai:gpt-4o",
      tools: { get_capital: "Paris" },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual(['get_capital {"country":"France"}']);
    expect(outcome.result?.output).toBe("The capital of France is Paris.");
    expect(outcome.requests.map((request) => request.path)).toEqual(["/v1/responses", "/v1/responses"]);
    const output = bodyOf(outcome.requests[1]).input?.find((item) => item.type === "function_call_output");
    expect(output?.output).toBe("Paris");
  });

  test("events with sequence numbers (2026 recording)", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("simonw-llm/test_responses_tool_use_streaming.yaml"),
      model: "openai:gpt-5.5",
      tools: { multiply: 2869461 },
    });
    expect(toolCalls(outcome.events)).toEqual(['multiply {"a":1231,"b":2331}']);
    expect(outcome.result?.output).toBe("1231 × 2331 = **2,869,461**");
    // Not in the price table: said so, not counted as free.
    expect(eventsOf(outcome.events, "model-response")[0]?.cost).toEqual({
      unpriced: true,
      model: "openai:gpt-5.5",
    });
  });

  test("a reasoning model's usage, ending on a tool call", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_openai_responses_streaming_usage.yaml"),
      model: "openai:gpt-5",
      tools: { final_result: "ok" },
      maxSteps: 1,
    });
    // Still calling a tool at the step limit: an error, whatever usage the response reported.
    expect(outcome.error?.code).toBe("STEP_LIMIT");
    expect(toolCalls(outcome.events)).toEqual(['final_result {"result":6666}']);
    expect(eventsOf(outcome.events, "model-response")[0]?.finishReason).toBe("tool-calls");
  });

  test("a four-step agent loop with reasoning summaries and encrypted reasoning", async () => {
    const outcome = await replayRun({
      exchanges: loadChunks("vercel-ai/openai-reasoning-encrypted-content.1.chunks.txt", {
        path: "/v1/responses",
        splitAt: "response.created",
      }),
      model: "openai:gpt-5.1-codex-max",
      tools: { calculator: 42 },
    });
    expect(outcome.error).toBeUndefined();
    expect(toolCalls(outcome.events)).toEqual([
      'calculator {"a":12,"b":7,"op":"add"}',
      'calculator {"a":19,"b":3,"op":"multiply"}',
      'calculator {"a":57,"b":10,"op":"multiply"}',
    ]);
    const reasoning = eventsOf(outcome.events, "reasoning-delta")
      .map((event) => event.text)
      .join("");
    expect(reasoning).toMatch(/^\*\*Calculating step-by-step using calculator\*\*/);
    expect(outcome.result?.output).toBe("The final result is **570**.");
  });

  test("non-streaming responses through doGenerate, with reasoning items between tool calls (gzip JSON)", async () => {
    await using server = await startFixtureServer(
      loadCassette("simonw-llm/test_responses_interleaved_reasoning_between_tool_calls.yaml"),
    );
    const env = { OPENAI_API_KEY: "test-openai-key", OPENAI_BASE_URL: `${server.url}/v1` };
    const resolved = await resolveModel("openai:gpt-5.5", { env });
    const keys: string[] = [];
    const result = await generateText({
      model: wrapLanguageModel({
        model: resolved.model,
        middleware: retryMiddleware({ modelId: resolved.id }),
      }),
      maxRetries: 0,
      prompt: "Solve the puzzle.",
      tools: {
        db_lookup: tool({
          inputSchema: z.object({ key: z.string() }),
          execute: async ({ key }) => {
            keys.push(key);
            return `value of ${key}`;
          },
        }),
      },
      stopWhen: isStepCount(4),
    });
    expect(result.steps).toHaveLength(4);
    expect(keys[0]).toBe("start");
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(server.requests.every((request) => request.path === "/v1/responses")).toBe(true);
  });

  test("non-streaming: reasoning summary and a tool call, then the answer", async () => {
    await using server = await startFixtureServer(
      loadCassette("pydantic-ai/test_openai_responses_thinking_with_tool_calls.yaml"),
    );
    const env = { OPENAI_API_KEY: "test-openai-key", OPENAI_BASE_URL: `${server.url}/v1` };
    const resolved = await resolveModel("openai:gpt-5", { env });
    const result = await generateText({
      model: wrapLanguageModel({
        model: resolved.model,
        middleware: retryMiddleware({ modelId: resolved.id }),
      }),
      maxRetries: 0,
      prompt: "Write the poem.",
      tools: { update_plan: tool({ inputSchema: z.looseObject({}), execute: async () => "plan updated" }) },
      stopWhen: isStepCount(2),
    });
    expect(result.steps[0]?.toolCalls.map((call) => call.toolName)).toEqual(["update_plan"]);
    expect(result.steps[0]?.reasoningText).toMatch(/^\*\*Creating a structured poem\*\*/);
    expect(result.text.length).toBeGreaterThan(50);
  });
});
