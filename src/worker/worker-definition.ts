/**
 * @module The parsed, validated content of a `.worker` file.
 */
import type { PromptCacheSetting } from "../models/prompt-cache.js";

/** A position in a source file (1-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Per-tool approval overrides from a toolset entry's `_approval_config`. */
export interface ToolApprovalOverride {
  /** Run without asking (still refused if the toolset blocks the call). */
  pre_approved?: boolean;
  /** Always ask, even if the tool says it needs no approval. */
  approval_required?: boolean;
}

/** One entry of the `toolsets:` mapping, in file order. */
export interface ToolsetReference {
  /** The key: a worker name, an exported toolset name, a built-in, or any name for an MCP server. */
  name: string;
  /** The configuration mapping, without `_approval_config` (null in the file becomes `{}`). */
  config: Record<string, unknown>;
  /** `_approval_config`, by tool name. */
  approvalConfig: Record<string, ToolApprovalOverride>;
  /** Where the key is in the file. */
  position: SourcePosition;
}

/** A provider-executed tool requested in `server_side_tools`. */
export type ServerSideToolConfig =
  | { tool_type: "web_search"; max_uses?: number; allowed_domains?: string[]; blocked_domains?: string[] }
  | { tool_type: "web_fetch"; max_uses?: number }
  | { tool_type: "code_execution" };

/** `schema_in` / `schema_out`: inline JSON Schema, or a reference to a zod schema export. */
export type SchemaSource =
  | { type: "json-schema"; schema: Record<string, unknown> }
  | { type: "reference"; file: string; exportName: string };

/** `model_settings`, as the AI SDK names them (the file uses snake_case). */
export interface ModelSettings {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  /** Passed through to the provider, e.g. `{ anthropic: { thinking: {...} } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** Per-worker limits (`budget:`), for the worker's whole subtree. */
export interface WorkerBudget {
  max_cost?: number;
  max_tokens?: number;
  max_calls?: number;
}

/** A worker file, parsed and validated. */
export interface WorkerDefinition {
  /** The worker's name: its tool name and its `--entry` name. */
  name: string;
  /** Shown to other workers as the tool description. */
  description: string;
  /** The body, trimmed: the worker's instructions. */
  instructions: string;
  /** `provider:model-id`, when set. */
  model?: string;
  /** Glob patterns of models this worker accepts, when set. */
  compatibleModels?: string[];
  toolsets: ToolsetReference[];
  serverSideTools: ServerSideToolConfig[];
  schemaIn?: SchemaSource;
  schemaOut?: SchemaSource;
  modelSettings: ModelSettings;
  /** `prompt_cache`: how long the provider keeps this worker's prompt prefix (default `5m`). */
  promptCache: PromptCacheSetting;
  budget?: WorkerBudget;
  /** `max_steps`: most model requests in one call's tool loop, when set. */
  maxSteps?: number;
  /** `idle_timeout` in milliseconds: longest silence of a model request, when set. */
  idleTimeoutMs?: number;
  /** `request_timeout` in milliseconds: longest model request, when set. */
  requestTimeoutMs?: number;
  /** `attachment_approval`: a call that passes this worker attachments needs approval. */
  attachmentApproval: boolean;
  /** The absolute path of the file. */
  file: string;
  /**
   * Finds where a front-matter key path is in the file (e.g. `["toolsets", "shell", "rules", 0]`),
   * falling back to the nearest enclosing key that exists.
   */
  locate(path: readonly (string | number)[]): SourcePosition;
}
