/**
 * @module The providers llm-do knows, by the prefix of a model string (`provider:model-id`).
 * Each is imported only when a model of that provider is used, to keep start-up lean.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { ConfigError } from "../errors.js";

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

function optionalFetch(options: ProviderOptions) {
  return options.fetch ? { fetch: options.fetch } : {};
}

const anthropic: ProviderEntry = {
  requirement: "ANTHROPIC_API_KEY",
  check(env) {
    if (env.LLM_DO_AUTH === "oauth") return;
    requireVariable(env, "ANTHROPIC_API_KEY", "Anthropic");
  },
  async create(modelId, options) {
    const { createAnthropic } = await import("@ai-sdk/anthropic");
    const provider = createAnthropic({
      apiKey: requireVariable(options.env, "ANTHROPIC_API_KEY", "Anthropic"),
      ...(options.env.ANTHROPIC_BASE_URL ? { baseURL: options.env.ANTHROPIC_BASE_URL } : {}),
      ...optionalFetch(options),
    });
    return provider(modelId);
  },
};

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
        ...(options.env.OPENAI_BASE_URL ? { baseURL: options.env.OPENAI_BASE_URL } : {}),
        ...optionalFetch(options),
      });
      return api === "chat" ? provider.chat(modelId) : provider.responses(modelId);
    },
  };
}

const google: ProviderEntry = {
  requirement: "GOOGLE_GENERATIVE_AI_API_KEY",
  check(env) {
    requireVariable(env, "GOOGLE_GENERATIVE_AI_API_KEY", "Google");
  },
  async create(modelId, options) {
    const { createGoogleGenerativeAI } = await import("@ai-sdk/google");
    const provider = createGoogleGenerativeAI({
      apiKey: requireVariable(options.env, "GOOGLE_GENERATIVE_AI_API_KEY", "Google"),
      ...(options.env.GOOGLE_GENERATIVE_AI_BASE_URL
        ? { baseURL: options.env.GOOGLE_GENERATIVE_AI_BASE_URL }
        : {}),
      ...optionalFetch(options),
    });
    return provider(modelId);
  },
};

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
        ...optionalFetch(options),
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
  requirement: "a local Ollama server (OLLAMA_BASE_URL, default http://127.0.0.1:11434)",
  baseUrl: (env) =>
    `${(env.OLLAMA_BASE_URL ?? "http://127.0.0.1:11434").replace(/\/+$/, "").replace(/\/v1$/, "")}/v1`,
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
