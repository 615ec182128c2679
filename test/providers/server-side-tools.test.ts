/**
 * `server_side_tools` in a run: what reaches the provider's API, the events for the calls the
 * provider executes itself, and the error before the run when the model's provider lacks a tool.
 */
import { describe, expect, test } from "vitest";
import { assertBalanced } from "../support/collect-run.js";
import { anthropicJsonAsStream } from "../support/provider-anthropic-sse.js";
import { loadCassette, loadChunks, type RecordedExchange } from "../support/provider-fixtures.js";
import { eventsOf, replayRun } from "../support/provider-replay.js";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const serverTools = [
  "server_side_tools:",
  "  - tool_type: web_search",
  "    max_uses: 3",
  "    allowed_domains: [example.com]",
  "  - tool_type: web_fetch",
  "    max_uses: 2",
  "  - tool_type: code_execution",
  "",
].join("\n");

interface ToolsRequest {
  tools?: Array<Record<string, unknown>>;
}

const toolsOf = (request: { body: unknown } | undefined) => ((request?.body ?? {}) as ToolsRequest).tools;

/**
 * No recording of a real web search was available, so this message is written by hand in the
 * shape of the Messages API's server tool blocks (`server_tool_use`, `web_search_tool_result`).
 */
const searchMessage: RecordedExchange = {
  source: "hand-written server tool message",
  method: "POST",
  path: "/v1/messages",
  status: 200,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    id: "msg_handwritten_search",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-5-20250929",
    content: [
      {
        type: "server_tool_use",
        id: "srvtoolu_handwritten_1",
        name: "web_search",
        input: { query: "llm-do harness" },
      },
      {
        type: "web_search_tool_result",
        tool_use_id: "srvtoolu_handwritten_1",
        content: [
          {
            type: "web_search_result",
            url: "https://example.com/llm-do",
            title: "llm-do",
            encrypted_content: "opaque",
            page_age: null,
          },
        ],
      },
      { type: "text", text: "llm-do is an orchestration harness." },
    ],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 100, output_tokens: 20, server_tool_use: { web_search_requests: 1 } },
  }),
};

describe("server_side_tools", () => {
  test("Anthropic: the provider's own tools are sent with their options", async () => {
    const outcome = await replayRun({
      exchanges: loadChunks("vercel-ai/anthropic-text.chunks.txt", { path: "/v1/messages" }),
      model: "anthropic:claude-sonnet-4-5",
      frontMatter: serverTools,
    });
    expect(outcome.error).toBeUndefined();
    const tools = toolsOf(outcome.requests[0]);
    expect(tools).toEqual([
      { type: "web_search_20250305", name: "web_search", max_uses: 3, allowed_domains: ["example.com"] },
      { type: "web_fetch_20250910", name: "web_fetch", max_uses: 2 },
      { type: "code_execution_20250825", name: "code_execution" },
    ]);
    expect(String(outcome.requests[0]?.headers["anthropic-beta"])).toContain("web-fetch-2025-09-10");
  });

  test("OpenAI Responses: web search with domain filters and the code interpreter", async () => {
    const outcome = await replayRun({
      exchanges: loadCassette("pydantic-ai/test_openai_responses_stream.yaml").slice(1),
      model: "openai:gpt-4o",
      frontMatter: [
        "server_side_tools:",
        "  - tool_type: web_search",
        "    blocked_domains: [spam.example]",
        "  - tool_type: code_execution",
        "",
      ].join("\n"),
    });
    expect(outcome.error).toBeUndefined();
    expect(toolsOf(outcome.requests[0])).toEqual([
      { type: "web_search", filters: { blocked_domains: ["spam.example"] } },
      { type: "code_interpreter", container: { type: "auto" } },
    ]);
  });

  test("calls and results the provider executed appear as events", async () => {
    const outcome = await replayRun({
      exchanges: [searchMessage],
      model: "anthropic:claude-sonnet-4-5",
      frontMatter: "server_side_tools:\n  - tool_type: web_search\n",
      transform: anthropicJsonAsStream,
    });
    expect(outcome.error).toBeUndefined();
    expect(
      eventsOf(outcome.events, "server-tool-call").map(({ toolCallId, toolName, input }) => ({
        toolCallId,
        toolName,
        input,
      })),
    ).toEqual([
      { toolCallId: "srvtoolu_handwritten_1", toolName: "web_search", input: { query: "llm-do harness" } },
    ]);
    const [result] = eventsOf(outcome.events, "server-tool-result");
    expect(result).toMatchObject({
      toolCallId: "srvtoolu_handwritten_1",
      toolName: "web_search",
      isError: false,
    });
    expect(JSON.stringify(result?.output)).toContain("https://example.com/llm-do");
    expect(outcome.result?.output).toBe("llm-do is an orchestration harness.");
    assertBalanced(outcome.events);
  });

  test("a tool the model's provider lacks fails before any request, naming tool, worker and provider", async () => {
    const outcome = await replayRun({
      exchanges: [],
      model: "openai:gpt-5",
      frontMatter: "server_side_tools:\n  - tool_type: web_fetch\n",
    });
    expect(outcome.error?.message).toMatch(
      /main\.worker:\d+:\d+: server-side tool 'web_fetch' of worker 'main' is not available with openai:gpt-5 \(provider 'openai' offers: web_search, code_execution\)$/,
    );
    expect(outcome.error?.code).toBe("CONFIG_INVALID");
    expect(outcome.requests).toEqual([]);
    expect(eventsOf(outcome.events, "call-start")).toEqual([]);
  });

  test("Chat Completions has no server-side tools", async () => {
    const outcome = await replayRun({
      exchanges: [],
      model: "openai-chat:gpt-4o",
      frontMatter: "server_side_tools:\n  - tool_type: web_search\n",
    });
    expect(outcome.error?.message).toContain(
      "server-side tool 'web_search' of worker 'main' is not available with openai-chat:gpt-4o (provider 'openai-chat' has no server-side tools; anthropic, openai, google do)",
    );
  });
});
