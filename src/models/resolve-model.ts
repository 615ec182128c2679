/**
 * @module Model strings (`provider:model-id`) to AI SDK language models.
 */
import path from "node:path";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { ConfigError } from "../errors.js";
import { checkReplayFile } from "../record/parse-recording.js";
import { loadReplayModel } from "../record/replay-model.js";
import { createEchoModel } from "./echo-model.js";
import { modelObjectId } from "./model-object-id.js";
import { type ProviderEnvironment, providers } from "./providers.js";

/** A model ready to call, with the id used in events and messages. */
export interface ResolvedModel {
  /** `provider:model-id`, or the injected model's own id. */
  id: string;
  model: LanguageModelV4;
}

/** How to resolve model strings. */
export interface ModelResolverOptions {
  env: ProviderEnvironment;
  /** Named models that take precedence over providers (tests, custom setups). */
  models?: Readonly<Record<string, LanguageModelV4>>;
  fetch?: typeof globalThis.fetch;
  /** Where `replay:FILE` paths are relative to (default `process.cwd()`). */
  cwd?: string;
}

const builtinModels = ["echo"];

/** Splits `provider:model-id`; throws a ConfigError for anything else. */
export function parseModelString(spec: string): { provider: string; modelId: string } {
  const index = spec.indexOf(":");
  if (index <= 0 || index === spec.length - 1) {
    throw new ConfigError(
      `invalid model '${spec}': expected 'provider:model-id' (e.g. anthropic:claude-haiku-4-5)`,
    );
  }
  return { provider: spec.slice(0, index), modelId: spec.slice(index + 1) };
}

/** All provider prefixes, for messages. */
export function knownProviders(): string[] {
  return [...Object.keys(providers), "builtin", "replay"];
}

/**
 * Checks that a model string can be used (known provider, key present) without importing the
 * provider. Contract: throws a ConfigError naming what to set.
 */
export function checkModel(spec: string, options: ModelResolverOptions): void {
  if (injectedModel(spec, options)) return;
  const { provider, modelId } = parseModelString(spec);
  if (provider === "builtin") {
    if (!builtinModels.includes(modelId)) {
      throw new ConfigError(
        `unknown built-in model '${spec}' (available: builtin:${builtinModels.join(", builtin:")})`,
      );
    }
    return;
  }
  if (provider === "replay") {
    // Read once, by resolveModel: a large recording is not parsed again for a check.
    checkReplayFile(path.resolve(options.cwd ?? process.cwd(), modelId), modelId);
    return;
  }
  const entry = Object.hasOwn(providers, provider) ? providers[provider] : undefined;
  if (!entry) {
    throw new ConfigError(
      `unknown model provider '${provider}' in '${spec}' (available: ${knownProviders().join(", ")})`,
    );
  }
  entry.check(options.env);
}

/** Resolves a model string or passes a model object through. */
export async function resolveModel(
  spec: string | LanguageModelV4,
  options: ModelResolverOptions,
): Promise<ResolvedModel> {
  if (typeof spec !== "string") return { id: modelObjectId(spec), model: spec };
  const injected = injectedModel(spec, options);
  if (injected) return { id: spec, model: injected };
  checkModel(spec, options);
  const { provider, modelId } = parseModelString(spec);
  if (provider === "builtin") return { id: spec, model: createEchoModel(modelId) };
  if (provider === "replay") {
    return {
      id: spec,
      model: await loadReplayModel(path.resolve(options.cwd ?? process.cwd(), modelId), modelId),
    };
  }
  // Non-null: checkModel above threw for an unknown provider.
  const entry = providers[provider]!;
  return {
    id: spec,
    model: await entry.create(
      modelId,
      options.fetch ? { env: options.env, fetch: options.fetch } : { env: options.env },
    ),
  };
}

/** The model injected under this name, looked up by own property (`constructor` is not one). */
function injectedModel(spec: string, options: ModelResolverOptions): LanguageModelV4 | undefined {
  const { models } = options;
  return models && Object.hasOwn(models, spec) ? models[spec] : undefined;
}
