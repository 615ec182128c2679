import { describe, expect, test } from "vitest";
import type { ServerSideToolConfig } from "../worker/worker-definition.js";
import {
  checkServerSideTools,
  checkWorkerServerTools,
  createServerSideTools,
  type ServerToolRequest,
  serverToolProviderOf,
} from "./server-side-tools.js";

function worker(...serverSideTools: ServerSideToolConfig[]): ServerToolRequest {
  return {
    name: "research",
    file: "/p/research.worker",
    serverSideTools,
    locate: (path) => ({ line: 5 + Number(path[1] ?? 0), column: 5 }),
  };
}

const allThree = worker(
  { tool_type: "web_search", max_uses: 3, allowed_domains: ["example.com"] },
  { tool_type: "web_fetch", max_uses: 2 },
  { tool_type: "code_execution" },
);

function describeTools(tools: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(tools).map(([name, tool]) => {
      const { type, id, args } = tool as { type: string; id: string; args: unknown };
      return [name, { type, id, args }];
    }),
  );
}

describe("createServerSideTools", () => {
  test("Anthropic: web search, web fetch and code execution with their options", async () => {
    expect(
      describeTools(await createServerSideTools(allThree, "anthropic", "anthropic:claude-sonnet-4-5")),
    ).toEqual({
      web_search: {
        type: "provider",
        id: "anthropic.web_search_20250305",
        args: { maxUses: 3, allowedDomains: ["example.com"] },
      },
      web_fetch: { type: "provider", id: "anthropic.web_fetch_20250910", args: { maxUses: 2 } },
      code_execution: { type: "provider", id: "anthropic.code_execution_20250825", args: {} },
    });
  });

  test("OpenAI Responses: web search with domain filters, and the code interpreter", async () => {
    const request = worker(
      { tool_type: "web_search", allowed_domains: ["a.org"], blocked_domains: ["b.org"] },
      { tool_type: "code_execution" },
    );
    expect(describeTools(await createServerSideTools(request, "openai", "openai:gpt-5"))).toEqual({
      web_search: {
        type: "provider",
        id: "openai.web_search",
        args: { filters: { allowedDomains: ["a.org"], blockedDomains: ["b.org"] } },
      },
      code_execution: { type: "provider", id: "openai.code_interpreter", args: {} },
    });
  });

  test("Google: Google Search, URL context and code execution, under the names Gemini requires", async () => {
    const request = worker(
      { tool_type: "web_search" },
      { tool_type: "web_fetch" },
      { tool_type: "code_execution" },
    );
    expect(describeTools(await createServerSideTools(request, "google", "google:gemini-2.5-pro"))).toEqual({
      google_search: { type: "provider", id: "google.google_search", args: {} },
      url_context: { type: "provider", id: "google.url_context", args: {} },
      code_execution: { type: "provider", id: "google.code_execution", args: {} },
    });
  });

  test("no tools asked for: nothing, whatever the provider", async () => {
    expect(await createServerSideTools(worker(), "ollama", "ollama:llama3.2")).toEqual({});
  });
});

describe("checkServerSideTools", () => {
  test("a tool the provider lacks names the tool, the worker, the model and what is offered", () => {
    expect(() => checkServerSideTools(worker({ tool_type: "web_fetch" }), "openai", "openai:gpt-5")).toThrow(
      "/p/research.worker:5:5: server-side tool 'web_fetch' of worker 'research' is not available with openai:gpt-5 (provider 'openai' offers: web_search, code_execution)",
    );
  });

  test("a provider without server-side tools says which providers have them", () => {
    expect(() =>
      checkServerSideTools(worker({ tool_type: "code_execution" }), "openai-chat", "openai-chat:gpt-4o"),
    ).toThrow(
      "server-side tool 'code_execution' of worker 'research' is not available with openai-chat:gpt-4o (provider 'openai-chat' has no server-side tools; anthropic, openai, google do)",
    );
  });

  test("an option the provider cannot honour is an error, not silently dropped", () => {
    expect(() =>
      checkServerSideTools(
        worker({ tool_type: "code_execution" }, { tool_type: "web_search", max_uses: 2 }),
        "google",
        "google:gemini-2.5-pro",
      ),
    ).toThrow(
      "/p/research.worker:6:5: server-side tool 'web_search' of worker 'research': option 'max_uses' is not supported by provider 'google' (google:gemini-2.5-pro; supported options: none)",
    );
    expect(() =>
      checkServerSideTools(worker({ tool_type: "web_search", max_uses: 2 }), "openai", "openai:gpt-5"),
    ).toThrow(
      "option 'max_uses' is not supported by provider 'openai' (openai:gpt-5; supported options: allowed_domains, blocked_domains)",
    );
  });

  test("Anthropic takes allowed or blocked domains, not both", () => {
    const both = worker({ tool_type: "web_search", allowed_domains: ["a"], blocked_domains: ["b"] });
    expect(() => checkServerSideTools(both, "anthropic", "anthropic:claude-haiku-4-5")).toThrow(
      "accepts allowed_domains or blocked_domains, not both",
    );
  });
});

describe("serverToolProviderOf", () => {
  test("from the model string, else from an injected model's provider", () => {
    expect(serverToolProviderOf("anthropic:claude-haiku-4-5")).toBe("anthropic");
    expect(serverToolProviderOf("openai-chat:gpt-4o")).toBe("openai-chat");
    expect(serverToolProviderOf("test:main", { provider: "anthropic.messages" })).toBe("anthropic");
    expect(serverToolProviderOf("test:main", { provider: "openai.responses" })).toBe("openai");
    expect(serverToolProviderOf("test:main", { provider: "openai.chat" })).toBe("openai-chat");
    expect(serverToolProviderOf("test:main", { provider: "google.generative-ai" })).toBe("google");
    expect(serverToolProviderOf("test:main", { provider: "scripted" })).toBe("scripted");
  });

  test("checkWorkerServerTools uses an injected model's provider", () => {
    const models = { "test:main": { provider: "scripted", modelId: "x" } as never };
    expect(() => checkWorkerServerTools(worker({ tool_type: "web_search" }), "test:main", models)).toThrow(
      "provider 'scripted' has no server-side tools",
    );
  });
});
