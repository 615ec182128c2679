/**
 * @module The providers llm-do knows, by the prefix of a model string (`provider:model-id`).
 * Each is imported only when a model of that provider is used, to keep start-up lean. Keys and
 * base URLs come from the run's environment (`RunOptions.env`), never from `process.env` directly.
 *
 * | prefix              | API                          | key                                          | base URL (default)                                       |
 * |---------------------|------------------------------|----------------------------------------------|----------------------------------------------------------|
 * | `anthropic`         | Messages                     | `ANTHROPIC_API_KEY`, or `LLM_DO_AUTH=oauth`  | `ANTHROPIC_BASE_URL` (`https://api.anthropic.com/v1`)    |
 * | `openai`            | Responses (the default)      | `OPENAI_API_KEY`                             | `OPENAI_BASE_URL` (`https://api.openai.com/v1`)          |
 * | `openai-chat`       | Chat Completions             | `OPENAI_API_KEY`                             | `OPENAI_BASE_URL`                                        |
 * | `google`            | Gemini API                   | `GOOGLE_GENERATIVE_AI_API_KEY`/`GEMINI_API_KEY` | `GOOGLE_GENERATIVE_AI_BASE_URL`                       |
 * | `openrouter`        | OpenAI-compatible            | `OPENROUTER_API_KEY`                         | `OPENROUTER_BASE_URL` (`https://openrouter.ai/api/v1`)   |
 * | `ollama`            | OpenAI-compatible, local     | none                                         | `OLLAMA_BASE_URL` or `OLLAMA_HOST` (`http://127.0.0.1:11434`) |
 * | `openai-compatible` | any OpenAI-compatible server | `LLM_DO_OPENAI_COMPATIBLE_API_KEY` (optional) | `LLM_DO_OPENAI_COMPATIBLE_BASE_URL` (required)          |
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { ConfigError } from "../errors.js";
import { checkAnthropicOAuth, createAnthropicOAuthSettings, usesAnthropicOAuth } from "./anthropic-auth.js";
import { watchedFetch } from "./request-watch.js";

/** The environment a provider reads its key and base URL from. */
export type ProviderEnvironment = Readonly<Record<string, string | undefined>>;

/** Options every provider factory receives. */
export interface ProviderOptions {
  env: ProviderEnvironment;
  /** A fetch to use instead of the global one (retries, recording, tests). */
  fetch?: typeof globalThis.fetch;
}

/** One provider: how to check its configuration and how to build a model. */
export interface ProviderEntry {
  /** What a user sets to use it, for messages. */
  requirement: string;
  /** Throws a ConfigError naming the variable to set when the provider cannot be used. */
  check(env: ProviderEnvironment): void;
  create(modelId: string, options: ProviderOptions): Promise<LanguageModelV4>;
}

function requireVariable(env: ProviderEnvironment, name: string, provider: string): string {
  const value = env[name];
  if (!value) {
    throw new ConfigError(
      `${provider} models need an API key: set ${name} (or pick another model with --model)`,
    );
  }
  return value;
}

/**
 * The fetch a provider makes its requests with: the run's (or the global one), reporting each
 * response to the watch of the attempt it belongs to (status, content type, liveness).
 */
function providerFetch(options: ProviderOptions) {
  return { fetch: watchedFetch(options.fetch) };
}

const anthropic: ProviderEntry = {
  requirement: "ANTHROPIC_API_KEY (or LLM_DO_AUTH=oauth after 'llm-do-oauth login')",
  check(env) {
    if (usesAnthropicOAuth(env)) {
      checkAnthropicOAuth(env);
      return;
    }
    requireAnthropicKey(env);
  },
  async create(modelId, options) {
    const { createAnthropic } = await import("@ai-sdk/anthropic");
    const auth = usesAnthropicOAuth(options.env)
      ? await createAnthropicOAuthSettings(options)
      : { apiKey: requireAnthropicKey(options.env) };
    const provider = createAnthropic({
      ...auth,
      baseURL: anthropicBaseUrl(options.env),
      ...providerFetch(options),
    });
    return provider(modelId);
  },
};

/**
 * `ANTHROPIC_BASE_URL` as the AI SDK wants it (ending in `/v1`): a bare origin such as
 * `http://localhost:8080` (the Anthropic SDK's convention) gets `/v1` appended; a URL with a path
 * is used as is. Default `https://api.anthropic.com/v1`.
 */
export function anthropicBaseUrl(env: ProviderEnvironment): string {
  const value = env.ANTHROPIC_BASE_URL?.trim();
  if (!value) return "https://api.anthropic.com/v1";
  const trimmed = value.replace(/\/+$/, "");
  return /^[a-z]+:\/\/[^/]+$/i.test(trimmed) ? `${trimmed}/v1` : trimmed;
}

function requireAnthropicKey(env: ProviderEnvironment): string {
  const value = env.ANTHROPIC_API_KEY;
  if (!value) {
    throw new ConfigError(
      "Anthropic models need an API key: set ANTHROPIC_API_KEY, or log in with 'llm-do-oauth login --provider anthropic' and set LLM_DO_AUTH=oauth (or pick another model with --model)",
    );
  }
  return value;
}

function openAi(api: "responses" | "chat"): ProviderEntry {
  return {
    requirement: "OPENAI_API_KEY",
    check(env) {
      requireVariable(env, "OPENAI_API_KEY", "OpenAI");
    },
    async create(modelId, options) {
      const { createOpenAI } = await import("@ai-sdk/openai");
      const provider = createOpenAI({
        apiKey: requireVariable(options.env, "OPENAI_API_KEY", "OpenAI"),
        baseURL: options.env.OPENAI_BASE_URL || "https://api.openai.com/v1",
        ...providerFetch(options),
      });
      return api === "chat" ? provider.chat(modelId) : provider.responses(modelId);
    },
  };
}

const google: ProviderEntry = {
  requirement: "GOOGLE_GENERATIVE_AI_API_KEY (or GEMINI_API_KEY)",
  check(env) {
    googleKey(env);
  },
  async create(modelId, options) {
    const { createGoogleGenerativeAI } = await import("@ai-sdk/google");
    const provider = createGoogleGenerativeAI({
      apiKey: googleKey(options.env),
      ...(options.env.GOOGLE_GENERATIVE_AI_BASE_URL
        ? { baseURL: options.env.GOOGLE_GENERATIVE_AI_BASE_URL }
        : {}),
      ...providerFetch(options),
    });
    return provider(modelId);
  },
};

function googleKey(env: ProviderEnvironment): string {
  const value = env.GOOGLE_GENERATIVE_AI_API_KEY || env.GEMINI_API_KEY;
  if (!value) {
    throw new ConfigError(
      "Google models need an API key: set GOOGLE_GENERATIVE_AI_API_KEY (or GEMINI_API_KEY) (or pick another model with --model)",
    );
  }
  return value;
}

function openAiCompatible(settings: {
  name: string;
  label: string;
  baseUrl: (env: ProviderEnvironment) => string;
  apiKey?: (env: ProviderEnvironment) => string | undefined;
  requirement: string;
  check: (env: ProviderEnvironment) => void;
}): ProviderEntry {
  return {
    requirement: settings.requirement,
    check: settings.check,
    async create(modelId, options) {
      const { createOpenAICompatible } = await import("@ai-sdk/openai-compatible");
      const apiKey = settings.apiKey?.(options.env);
      const provider = createOpenAICompatible({
        name: settings.name,
        baseURL: settings.baseUrl(options.env),
        ...(apiKey ? { apiKey } : {}),
        includeUsage: true,
        ...providerFetch(options),
      });
      return provider.chatModel(modelId);
    },
  };
}

const openrouter = openAiCompatible({
  name: "openrouter",
  label: "OpenRouter",
  requirement: "OPENROUTER_API_KEY",
  baseUrl: (env) => env.OPENROUTER_BASE_URL ?? "https://openrouter.ai/api/v1",
  apiKey: (env) => requireVariable(env, "OPENROUTER_API_KEY", "OpenRouter"),
  check: (env) => {
    requireVariable(env, "OPENROUTER_API_KEY", "OpenRouter");
  },
});

const ollama = openAiCompatible({
  name: "ollama",
  label: "Ollama",
  requirement: "a local Ollama server (OLLAMA_BASE_URL or OLLAMA_HOST, default http://127.0.0.1:11434)",
  baseUrl: ollamaBaseUrl,
  check: () => {},
});

const compatible = openAiCompatible({
  name: "openai-compatible",
  label: "OpenAI-compatible",
  requirement: "LLM_DO_OPENAI_COMPATIBLE_BASE_URL",
  baseUrl: (env) => requireVariable(env, "LLM_DO_OPENAI_COMPATIBLE_BASE_URL", "openai-compatible"),
  apiKey: (env) => env.LLM_DO_OPENAI_COMPATIBLE_API_KEY,
  check: (env) => {
    if (!env.LLM_DO_OPENAI_COMPATIBLE_BASE_URL) {
      throw new ConfigError(
        "openai-compatible models need an endpoint: set LLM_DO_OPENAI_COMPATIBLE_BASE_URL (and LLM_DO_OPENAI_COMPATIBLE_API_KEY if it needs a key)",
      );
    }
  },
});

/**
 * The Ollama server's OpenAI-compatible endpoint: `OLLAMA_BASE_URL`, else Ollama's own
 * `OLLAMA_HOST` (which may omit the scheme), else `http://127.0.0.1:11434`; `/v1` is appended.
 */
export function ollamaBaseUrl(env: ProviderEnvironment): string {
  let base = env.OLLAMA_BASE_URL || env.OLLAMA_HOST || "http://127.0.0.1:11434";
  if (!/^https?:\/\//.test(base)) base = `http://${base}`;
  return `${base.replace(/\/+$/, "").replace(/\/v1$/, "")}/v1`;
}

/** The providers by prefix. `builtin` (offline models) is handled by the resolver. */
export const providers: Readonly<Record<string, ProviderEntry>> = {
  anthropic,
  openai: openAi("responses"),
  "openai-chat": openAi("chat"),
  google,
  openrouter,
  ollama,
  "openai-compatible": compatible,
};
