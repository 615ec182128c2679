/**
 * @module Turns validated front matter (snake_case, as written) into a `WorkerDefinition`.
 */
import path from "node:path";
import type { PromptCacheSetting } from "../models/prompt-cache.js";
import type {
  ModelSettings,
  SchemaSource,
  SourcePosition,
  ToolsetReference,
  WorkerDefinition,
} from "./worker-definition.js";
import type { WorkerFrontMatter } from "./worker-schema.js";

const DESCRIPTION_LENGTH = 200;

/** Options of {@link buildWorkerDefinition}. */
export interface BuildWorkerDefinitionOptions {
  /** The instructions (the file body, trimmed). */
  instructions: string;
  /** The absolute path of the worker file. */
  file: string;
  /** Finds a front-matter key path in the file. */
  locate: (path: readonly (string | number)[]) => SourcePosition;
}

/** Builds the definition: camelCase settings, `_approval_config` split off, references resolved. */
export function buildWorkerDefinition(
  frontMatter: WorkerFrontMatter,
  options: BuildWorkerDefinitionOptions,
): WorkerDefinition {
  const { instructions, file, locate } = options;
  const directory = path.dirname(file);
  return {
    name: frontMatter.name,
    description: describeWorker(frontMatter.description, instructions, frontMatter.name),
    instructions,
    model: frontMatter.model ?? undefined,
    compatibleModels: frontMatter.compatible_models ?? undefined,
    toolsets: toolsetReferences(frontMatter.toolsets ?? {}, locate),
    serverSideTools: frontMatter.server_side_tools ?? [],
    schemaIn: schemaSource(frontMatter.schema_in, directory),
    schemaOut: schemaSource(frontMatter.schema_out, directory),
    modelSettings: modelSettings(frontMatter.model_settings ?? {}),
    promptCache: promptCacheSetting(frontMatter.prompt_cache),
    budget: frontMatter.budget ?? undefined,
    ...(frontMatter.max_steps ? { maxSteps: frontMatter.max_steps } : {}),
    ...(frontMatter.idle_timeout ? { idleTimeoutMs: milliseconds(frontMatter.idle_timeout) } : {}),
    ...(frontMatter.request_timeout ? { requestTimeoutMs: milliseconds(frontMatter.request_timeout) } : {}),
    attachmentApproval: frontMatter.attachment_approval === true,
    file,
    locate,
  };
}

function promptCacheSetting(value: WorkerFrontMatter["prompt_cache"]): PromptCacheSetting {
  if (value === false) return "off";
  if (value === true || value === null || value === undefined) return "5m";
  return value;
}

/** Seconds as whole milliseconds, at least 1. */
function milliseconds(seconds: number): number {
  return Math.max(1, Math.round(seconds * 1000));
}

function describeWorker(description: string | null | undefined, instructions: string, name: string): string {
  if (description?.trim()) return description.trim();
  if (instructions === "") return `Worker ${name}`;
  if (instructions.length <= DESCRIPTION_LENGTH) return instructions;
  return `${instructions.slice(0, DESCRIPTION_LENGTH).trimEnd()}...`;
}

type ToolsetsInput = NonNullable<WorkerFrontMatter["toolsets"]>;

function toolsetReferences(
  toolsets: ToolsetsInput,
  locate: BuildWorkerDefinitionOptions["locate"],
): ToolsetReference[] {
  if (Array.isArray(toolsets)) {
    return toolsets.map((name) => ({
      name,
      config: {},
      approvalConfig: {},
      position: locate(["toolsets", name]),
    }));
  }
  return Object.entries(toolsets).map(([name, value]) => {
    const { _approval_config: approvalConfig, ...config } = value ?? {};
    return {
      name,
      config,
      approvalConfig: approvalConfig ?? {},
      position: locate(["toolsets", name]),
    };
  });
}

function schemaSource(
  value: string | Record<string, unknown> | null | undefined,
  directory: string,
): SchemaSource | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") return { type: "json-schema", schema: value };
  const hash = value.lastIndexOf("#");
  return {
    type: "reference",
    file: path.resolve(directory, value.slice(0, hash).trim()),
    exportName: value.slice(hash + 1),
  };
}

function modelSettings(input: NonNullable<WorkerFrontMatter["model_settings"]>): ModelSettings {
  const settings: ModelSettings = {
    temperature: input.temperature,
    maxOutputTokens: input.max_tokens,
    topP: input.top_p,
    topK: input.top_k,
    presencePenalty: input.presence_penalty,
    frequencyPenalty: input.frequency_penalty,
    stopSequences: input.stop_sequences,
    seed: input.seed,
    providerOptions: input.provider_options,
  };
  for (const key of Object.keys(settings) as (keyof ModelSettings)[]) {
    if (settings[key] === undefined) delete settings[key];
  }
  return settings;
}
