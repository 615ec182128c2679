/**
 * Provider configuration: which variable each provider needs, the message when it is missing,
 * and where requests go (keys and base URLs from the run's environment, never `process.env`).
 */
import { afterEach, describe, expect, test } from "vitest";
import { checkModel, resolveModel } from "../../src/models/resolve-model.js";
import { tempProject } from "../../src/testing/index.js";
import { collectRun } from "../support/collect-run.js";

describe("a provider that cannot be used fails before the run, naming what to set", () => {
  test.each([
    [
      "anthropic:claude-haiku-4-5",
      "Anthropic models need an API key: set ANTHROPIC_API_KEY, or log in with 'llm-do-oauth login --provider anthropic' and set LLM_DO_AUTH=oauth (or pick another model with --model)",
    ],
    [
      "openai:gpt-5",
      "OpenAI models need an API key: set OPENAI_API_KEY (or pick another model with --model)",
    ],
    [
      "openai-chat:gpt-4o",
      "OpenAI models need an API key: set OPENAI_API_KEY (or pick another model with --model)",
    ],
    [
      "google:gemini-2.5-pro",
      "Google models need an API key: set GOOGLE_GENERATIVE_AI_API_KEY (or GEMINI_API_KEY) (or pick another model with --model)",
    ],
    [
      "openrouter:anthropic/claude-haiku-4-5",
      "OpenRouter models need an API key: set OPENROUTER_API_KEY (or pick another model with --model)",
    ],
    [
      "openai-compatible:qwen3",
      "openai-compatible models need an endpoint: set LLM_DO_OPENAI_COMPATIBLE_BASE_URL (and LLM_DO_OPENAI_COMPATIBLE_API_KEY if it needs a key)",
    ],
    [
      "mistral:large",
      "unknown model provider 'mistral' in 'mistral:large' (available: anthropic, openai, openai-chat, google, openrouter, ollama, openai-compatible, builtin",
    ],
  ])("%s", (model, message) => {
    expect(() => checkModel(model, { env: {} })).toThrow(message);
  });

  test("Ollama needs no key", () => {
    expect(() => checkModel("ollama:llama3.2", { env: {} })).not.toThrow();
  });

  test("GEMINI_API_KEY is accepted for Google", () => {
    expect(() => checkModel("google:gemini-2.5-flash", { env: { GEMINI_API_KEY: "k" } })).not.toThrow();
  });

  test("LLM_DO_AUTH accepts oauth or api-key only", () => {
    expect(() => checkModel("anthropic:claude-haiku-4-5", { env: { LLM_DO_AUTH: "token" } })).toThrow(
      "LLM_DO_AUTH must be 'oauth' or 'api-key' (got 'token')",
    );
  });

  test("injected models are looked up by own name only: 'constructor' is not one", async () => {
    const options = { env: {}, models: {} };
    expect(() => checkModel("constructor", options)).toThrow("invalid model 'constructor'");
    await expect(resolveModel("toString", options)).rejects.toThrow("invalid model 'toString'");
  });

  test("a run with a missing key ends before any call", async () => {
    await using project = await tempProject({
      "main.worker": "---\nname: main\nmodel: openai:gpt-5\n---\nHi.\n",
    });
    const { events, error } = await collectRun({ files: [project.path("main.worker")], input: "x", env: {} });
    expect(error?.code).toBe("CONFIG_INVALID");
    expect(error?.message).toContain("set OPENAI_API_KEY");
    expect(events.map((event) => event.type)).toEqual(["run-start", "run-end"]);
  });
});

describe("where requests go", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  /** The URL and headers of the first request a model makes (the fetch answers with an error). */
  async function firstRequest(model: string, env: Record<string, string>) {
    let seen: { url: string; headers: Headers } | undefined;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      seen = { url: String(input), headers: new Headers(init?.headers) };
      return new Response('{"error":{"message":"stop"}}', { status: 400 });
    };
    const resolved = await resolveModel(model, { env, fetch });
    const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];
    await expect(resolved.model.doGenerate({ prompt })).rejects.toThrow();
    return seen;
  }

  test("defaults, not process.env, when the run's environment sets no base URL", async () => {
    process.env.ANTHROPIC_BASE_URL = "http://process-env.invalid/v1";
    process.env.OPENAI_BASE_URL = "http://process-env.invalid/v1";
    expect((await firstRequest("anthropic:claude-haiku-4-5", { ANTHROPIC_API_KEY: "a" }))?.url).toBe(
      "https://api.anthropic.com/v1/messages",
    );
    expect((await firstRequest("openai:gpt-5", { OPENAI_API_KEY: "o" }))?.url).toBe(
      "https://api.openai.com/v1/responses",
    );
    expect((await firstRequest("openai-chat:gpt-4o", { OPENAI_API_KEY: "o" }))?.url).toBe(
      "https://api.openai.com/v1/chat/completions",
    );
    expect((await firstRequest("openrouter:x/y", { OPENROUTER_API_KEY: "r" }))?.url).toBe(
      "https://openrouter.ai/api/v1/chat/completions",
    );
    expect((await firstRequest("ollama:llama3.2", {}))?.url).toBe(
      "http://127.0.0.1:11434/v1/chat/completions",
    );
    expect((await firstRequest("google:gemini-2.5-flash", { GOOGLE_GENERATIVE_AI_API_KEY: "g" }))?.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
    );
  });

  test("the run's environment sets keys and base URLs", async () => {
    const anthropic = await firstRequest("anthropic:claude-haiku-4-5", {
      ANTHROPIC_API_KEY: "key-a",
      ANTHROPIC_BASE_URL: "http://proxy.local:8080",
    });
    expect(anthropic?.url).toBe("http://proxy.local:8080/v1/messages");
    expect(anthropic?.headers.get("x-api-key")).toBe("key-a");
    const openai = await firstRequest("openai:gpt-5", {
      OPENAI_API_KEY: "key-o",
      OPENAI_BASE_URL: "http://gw.local/v1",
    });
    expect(openai?.url).toBe("http://gw.local/v1/responses");
    expect(openai?.headers.get("authorization")).toBe("Bearer key-o");
    const compatible = await firstRequest("openai-compatible:qwen3", {
      LLM_DO_OPENAI_COMPATIBLE_BASE_URL: "http://vllm.local:8000/v1",
      LLM_DO_OPENAI_COMPATIBLE_API_KEY: "key-c",
    });
    expect(compatible?.url).toBe("http://vllm.local:8000/v1/chat/completions");
    expect(compatible?.headers.get("authorization")).toBe("Bearer key-c");
    expect((await firstRequest("ollama:llama3.2", { OLLAMA_HOST: "gpu-box:11434" }))?.url).toBe(
      "http://gpu-box:11434/v1/chat/completions",
    );
    expect(
      (await firstRequest("google:gemini-2.5-flash", { GEMINI_API_KEY: "key-g" }))?.headers.get(
        "x-goog-api-key",
      ),
    ).toBe("key-g");
  });
});
