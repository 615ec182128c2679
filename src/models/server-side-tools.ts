/**
 * @module `server_side_tools` mapped to the tools each provider executes itself: web search,
 * web fetch and code execution on Anthropic, OpenAI (Responses API) and Google. A worker that
 * asks for a tool or an option its model's provider lacks fails before any model call.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ToolSet } from "ai";
import { ConfigError } from "../errors.js";
import type { ServerSideToolConfig, SourcePosition } from "../worker/worker-definition.js";
import { modelObjectId, providerNameOf } from "./model-object-id.js";

type ToolType = ServerSideToolConfig["tool_type"];

/** The options of each tool a provider offers (beyond `tool_type`). */
const offered: Readonly<Record<string, Partial<Record<ToolType, readonly string[]>>>> = {
  anthropic: {
    web_search: ["max_uses", "allowed_domains", "blocked_domains"],
    web_fetch: ["max_uses"],
    code_execution: [],
  },
  openai: { web_search: ["allowed_domains", "blocked_domains"], code_execution: [] },
  google: { web_search: [], web_fetch: [], code_execution: [] },
};

/** The providers that execute tools themselves, for messages. */
export const serverToolProviders = Object.keys(offered);

/** The worker fields the check reads. */
export interface ServerToolRequest {
  /** The worker's name. */
  name: string;
  /** The worker file, for messages. */
  file: string;
  /** The tools it asks for. */
  serverSideTools: readonly ServerSideToolConfig[];
  /** Finds a front-matter key in the file. */
  locate?(path: readonly (string | number)[]): SourcePosition;
}

/**
 * The provider whose server-side tools apply to a model: the prefix of an llm-do model string
 * (`anthropic`, `openai`, `openai-chat`, `google`, ...), else derived from the AI SDK's provider
 * name of an injected model (`anthropic.messages` is `anthropic`, `openai.chat` is `openai-chat`).
 */
export function serverToolProviderOf(modelId: string, model?: Pick<LanguageModelV4, "provider">): string {
  const prefix = modelId.includes(":") ? modelId.slice(0, modelId.indexOf(":")) : modelId;
  if (prefix in offered || prefix === "openai-chat" || model === undefined) return prefix;
  return providerNameOf(model.provider);
}

/**
 * Checks that `provider` offers every tool the worker asks for, with its options.
 * Contract: throws a ConfigError naming the file position, the tool, the worker, the model
 * and what the provider offers.
 */
export function checkServerSideTools(worker: ServerToolRequest, provider: string, modelId: string): void {
  worker.serverSideTools.forEach((config, index) => {
    const where = location(worker, index);
    const tools = Object.hasOwn(offered, provider) ? offered[provider] : undefined;
    const options = tools?.[config.tool_type];
    if (!tools || !options) {
      const available = tools
        ? `provider '${provider}' offers: ${Object.keys(tools).join(", ")}`
        : `provider '${provider}' has no server-side tools; ${serverToolProviders.join(", ")} do`;
      throw new ConfigError(
        `${where}server-side tool '${config.tool_type}' of worker '${worker.name}' is not available with ${modelId} (${available})`,
      );
    }
    for (const option of Object.keys(config)) {
      if (option === "tool_type" || options.includes(option)) continue;
      const supported = options.length > 0 ? options.join(", ") : "none";
      throw new ConfigError(
        `${where}server-side tool '${config.tool_type}' of worker '${worker.name}': option '${option}' is not supported by provider '${provider}' (${modelId}; supported options: ${supported})`,
      );
    }
    if (provider === "anthropic" && config.tool_type === "web_search") {
      if (config.allowed_domains && config.blocked_domains) {
        throw new ConfigError(
          `${where}server-side tool 'web_search' of worker '${worker.name}': provider 'anthropic' accepts allowed_domains or blocked_domains, not both`,
        );
      }
    }
  });
}

/**
 * The provider tools for a worker, keyed by the name the model sees. Contract: runs
 * {@link checkServerSideTools} first; imports the provider package only when there are tools.
 */
export async function createServerSideTools(
  worker: ServerToolRequest,
  provider: string,
  modelId: string,
): Promise<ToolSet> {
  if (worker.serverSideTools.length === 0) return {};
  checkServerSideTools(worker, provider, modelId);
  const tools: ToolSet = {};
  for (const config of worker.serverSideTools) {
    const [name, created] = await createTool(config, provider);
    tools[name] = created;
  }
  return tools;
}

async function createTool(
  config: ServerSideToolConfig,
  provider: string,
): Promise<[string, ToolSet[string]]> {
  if (provider === "anthropic") return createAnthropicTool(config);
  if (provider === "openai") return createOpenAiTool(config);
  return createGoogleTool(config);
}

async function createAnthropicTool(config: ServerSideToolConfig): Promise<[string, ToolSet[string]]> {
  const { anthropic } = await import("@ai-sdk/anthropic");
  switch (config.tool_type) {
    case "web_search":
      return [
        "web_search",
        anthropic.tools.webSearch_20250305({
          ...(config.max_uses !== undefined ? { maxUses: config.max_uses } : {}),
          ...(config.allowed_domains ? { allowedDomains: config.allowed_domains } : {}),
          ...(config.blocked_domains ? { blockedDomains: config.blocked_domains } : {}),
        }),
      ];
    case "web_fetch":
      return [
        "web_fetch",
        anthropic.tools.webFetch_20250910(config.max_uses !== undefined ? { maxUses: config.max_uses } : {}),
      ];
    case "code_execution":
      return ["code_execution", anthropic.tools.codeExecution_20250825()];
  }
}

async function createOpenAiTool(config: ServerSideToolConfig): Promise<[string, ToolSet[string]]> {
  const { openai } = await import("@ai-sdk/openai");
  if (config.tool_type === "web_search") {
    const filters = {
      ...(config.allowed_domains ? { allowedDomains: config.allowed_domains } : {}),
      ...(config.blocked_domains ? { blockedDomains: config.blocked_domains } : {}),
    };
    return ["web_search", openai.tools.webSearch(Object.keys(filters).length > 0 ? { filters } : {})];
  }
  return ["code_execution", openai.tools.codeInterpreter()];
}

async function createGoogleTool(config: ServerSideToolConfig): Promise<[string, ToolSet[string]]> {
  const { google } = await import("@ai-sdk/google");
  switch (config.tool_type) {
    case "web_search":
      return ["google_search", google.tools.googleSearch({})];
    case "web_fetch":
      return ["url_context", google.tools.urlContext({})];
    case "code_execution":
      return ["code_execution", google.tools.codeExecution({})];
  }
}

function location(worker: ServerToolRequest, index: number): string {
  const position = worker.locate?.(["server_side_tools", index]);
  return position ? `${worker.file}:${position.line}:${position.column}: ` : `${worker.file}: `;
}

/**
 * Checks a worker's server-side tools against the model it will run with, when that is known
 * before the run: a model string (`anthropic:...`) or an injected model object (`models`).
 */
export function checkWorkerServerTools(
  worker: ServerToolRequest,
  spec: string | LanguageModelV4,
  models?: Readonly<Record<string, LanguageModelV4>>,
): void {
  if (worker.serverSideTools.length === 0) return;
  if (typeof spec !== "string") {
    const id = modelObjectId(spec);
    checkServerSideTools(worker, serverToolProviderOf(id, spec), id);
    return;
  }
  const injected = models && Object.hasOwn(models, spec) ? models[spec] : undefined;
  checkServerSideTools(worker, serverToolProviderOf(spec, injected), spec);
}

/**
 * Adds the worker's server-side tools for `model` to `tools` (in place). Contract: throws a
 * ConfigError when one of them has the name of a tool the worker already has.
 */
export async function addServerSideTools(
  tools: ToolSet,
  worker: ServerToolRequest,
  model: { id: string; model: Pick<LanguageModelV4, "provider"> },
): Promise<ToolSet> {
  const serverTools = await createServerSideTools(
    worker,
    serverToolProviderOf(model.id, model.model),
    model.id,
  );
  for (const [name, serverTool] of Object.entries(serverTools)) {
    if (Object.hasOwn(tools, name)) {
      throw new ConfigError(
        `${worker.file}: worker '${worker.name}' has a tool named '${name}' and the server-side tool of that name`,
      );
    }
    tools[name] = serverTool;
  }
  return tools;
}
