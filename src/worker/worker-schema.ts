/**
 * @module The zod schema of a worker file's front matter (snake_case, as written in the file).
 * Every issue carries a message ready for `file:line:col: <message>`.
 */
import { z } from "zod";
import { quote } from "../util/quote.js";
import {
  describeValue,
  type ErrorOption,
  fieldLabel,
  mappingOf,
  mustBe,
  type RawIssue,
} from "./schema-messages.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const EXPORT_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** A worker's name is also its tool name: providers accept at most 64 characters. */
const MAX_NAME_LENGTH = 64;

/** The server-side tool types a worker may request. */
export const SERVER_SIDE_TOOL_TYPES = ["web_search", "web_fetch", "code_execution"] as const;

const numberBetween = (min: number, max: number) => {
  const error = mustBe(`a number between ${min} and ${max}`);
  return z.number(error).min(min, error).max(max, error);
};
const positiveInteger = () => {
  const error = mustBe("a positive integer");
  return z.number(error).int(error).positive(error);
};
/** Seconds, as `idle_timeout` and `request_timeout` take them: more than 0, at most a day. */
const timeoutSeconds = () => {
  const error = mustBe("a number of seconds above 0 and at most 86400");
  return z.number(error).positive(error).max(86_400, error);
};
const stringList = () => z.array(z.string(mustBe("a string")), mustBe("a list of strings"));

const nameError: ErrorOption = {
  error: (issue) => {
    const value = issue.input;
    if (value === undefined || value === null) return "missing required field 'name'";
    if (typeof value !== "string") return `field 'name' must be a string (got ${describeValue(value)})`;
    if (value.length > MAX_NAME_LENGTH) {
      return `invalid name ${quote(`${value.slice(0, 20)}...`)}: at most ${MAX_NAME_LENGTH} characters (it is also a tool name, and providers allow no more)`;
    }
    if (/^[A-Za-z0-9_-]+$/.test(value)) return `invalid name ${quote(value)}: start with a letter or '_'`;
    return `invalid name ${quote(value)}: use letters, digits, '_' and '-'`;
  },
};

const modelError: ErrorOption = {
  error: (issue) =>
    typeof issue.input === "string"
      ? `invalid model '${issue.input}': expected 'provider:model-id'`
      : `field 'model' must be a string 'provider:model-id' (got ${describeValue(issue.input)})`,
};

const ModelId = z.string(modelError).refine((value) => /^[^:]*\S[^:]*:.*\S/.test(value), modelError);

const CompatibleModels = z
  .array(
    z.string(mustBe("a non-empty string")).min(1, mustBe("a non-empty string")),
    mustBe("a list of model patterns"),
  )
  .min(1, { error: () => "compatible_models is empty: use ['*'] for any model" });

const ToolApprovalOverride = z
  .strictObject(
    {
      pre_approved: z.boolean(mustBe("true or false")).optional(),
      approval_required: z.boolean(mustBe("true or false")).optional(),
    },
    mappingOf(["pre_approved", "approval_required"], {
      where: (path) => `_approval_config for '${fieldLabel(path)}'`,
      expected: "a mapping like { pre_approved: true }",
    }),
  )
  .refine((value) => !(value.pre_approved && value.approval_required), {
    error: (issue) =>
      `tool '${fieldLabel(issue.path)}' cannot be both pre_approved and approval_required: choose one`,
  });

const ApprovalConfig = z.record(z.string(), ToolApprovalOverride, {
  error: (issue) =>
    `_approval_config must be a mapping of tool name -> { pre_approved: true } (got ${describeValue(issue.input)})`,
});

const ToolsetConfig = z
  .looseObject(
    { _approval_config: ApprovalConfig.nullish() },
    { error: (issue) => `invalid config for toolset '${fieldLabel(issue.path)}': expected a mapping` },
  )
  .nullable();

const ToolsetMapping = z.record(z.string(), ToolsetConfig, {
  error: (issue) =>
    `toolsets must be a mapping of name -> config (e.g. 'filesystem: {}') or a list of names (got ${describeValue(issue.input)})`,
});

const ToolsetName = z.string({
  error: (issue) =>
    `toolsets${fieldLabel(issue.path)} must be a toolset name (got ${describeValue(issue.input)}); to configure a toolset, write toolsets as a mapping (name: config)`,
});

/** `toolsets: [filesystem, shell]`: names without configuration, each at most once. */
const ToolsetList = z.array(ToolsetName).superRefine((names, context) => {
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      context.addIssue({ code: "custom", path: [index], message: `toolset '${name}' is listed twice` });
  });
});

/**
 * A mapping of name -> config, or a list of names. Each form is checked on its own, so an issue
 * keeps its path (and its position in the file) instead of becoming "matches neither".
 */
const Toolsets = z.unknown().transform((value, context) => {
  const result = (Array.isArray(value) ? ToolsetList : ToolsetMapping).safeParse(value);
  if (result.success) return result.data as string[] | z.infer<typeof ToolsetMapping>;
  for (const issue of result.error.issues) {
    const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0] ?? ""] : issue.path;
    context.addIssue({ code: "custom", path, message: issue.message, input: value });
  }
  return z.NEVER;
});

const serverSideEntry = (toolType: string) => ({ where: () => `the ${toolType} entry` });

const WebSearch = z.strictObject(
  {
    tool_type: z.literal("web_search"),
    max_uses: positiveInteger().optional(),
    allowed_domains: stringList().optional(),
    blocked_domains: stringList().optional(),
  },
  mappingOf(["tool_type", "max_uses", "allowed_domains", "blocked_domains"], serverSideEntry("web_search")),
);
const WebFetch = z.strictObject(
  { tool_type: z.literal("web_fetch"), max_uses: positiveInteger().optional() },
  mappingOf(["tool_type", "max_uses"], serverSideEntry("web_fetch")),
);
const CodeExecution = z.strictObject(
  { tool_type: z.literal("code_execution") },
  mappingOf(["tool_type"], serverSideEntry("code_execution")),
);

function serverSideToolError(issue: RawIssue): string {
  const supported = `supported: ${SERVER_SIDE_TOOL_TYPES.join(", ")}`;
  const input = issue.input;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return `server_side_tools entry must be a mapping with a 'tool_type' (got ${describeValue(input)})`;
  }
  const toolType = (input as { tool_type?: unknown }).tool_type;
  if (toolType === undefined) return `server_side_tools entry must have a 'tool_type' (${supported})`;
  const shown = typeof toolType === "string" ? `'${toolType}'` : describeValue(toolType);
  return `unknown tool_type ${shown} (${supported})`;
}

const ServerSideTool = z.discriminatedUnion("tool_type", [WebSearch, WebFetch, CodeExecution], {
  error: serverSideToolError,
});

const ServerSideTools = z.array(ServerSideTool, {
  error: (issue) =>
    `server_side_tools must be a list (e.g. '- tool_type: web_search') (got ${describeValue(issue.input)})`,
});

const ModelSettingsInput = z.strictObject(
  {
    temperature: numberBetween(0, 2).optional(),
    max_tokens: positiveInteger().optional(),
    top_p: numberBetween(0, 1).optional(),
    top_k: positiveInteger().optional(),
    presence_penalty: z.number(mustBe("a number")).optional(),
    frequency_penalty: z.number(mustBe("a number")).optional(),
    stop_sequences: stringList().optional(),
    seed: z.number(mustBe("an integer")).int(mustBe("an integer")).optional(),
    provider_options: z
      .record(
        z.string(),
        z.record(z.string(), z.unknown(), mustBe("a mapping")),
        mustBe("a mapping of provider -> options"),
      )
      .optional(),
  },
  mappingOf(
    [
      "temperature",
      "max_tokens",
      "top_p",
      "top_k",
      "presence_penalty",
      "frequency_penalty",
      "stop_sequences",
      "seed",
      "provider_options",
    ],
    { where: () => "model_settings" },
  ),
);

const Budget = z.strictObject(
  {
    max_cost: z
      .number(mustBe("a positive number (USD)"))
      .positive(mustBe("a positive number (USD)"))
      .optional(),
    max_tokens: positiveInteger().optional(),
    max_calls: positiveInteger().optional(),
  },
  mappingOf(["max_cost", "max_tokens", "max_calls"], { where: () => "budget" }),
);

const promptCacheError = mustBe("5m, 1h or off");
/** `prompt_cache`: the cache's lifetime, or off (`false`, as `--set prompt_cache=off` gives, is off). */
const PromptCache = z.union(
  [z.enum(["5m", "1h", "off"], promptCacheError), z.boolean(promptCacheError)],
  promptCacheError,
);

/** True for `./file.ts#ExportName` with both parts present. */
function isSchemaReference(value: string): boolean {
  const hash = value.lastIndexOf("#");
  return hash > 0 && value.slice(0, hash).trim() !== "" && EXPORT_NAME.test(value.slice(hash + 1));
}

function isSchemaSourceInput(value: unknown): boolean {
  if (typeof value === "string") return isSchemaReference(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.hasOwn(value, "type") || Object.hasOwn(value, "properties");
}

function schemaSourceError(issue: RawIssue): string {
  const field = fieldLabel(issue.path);
  const input = issue.input;
  if (typeof input === "string") return `invalid ${field} '${input}': expected './file.ts#ExportName'`;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    return `${field} must be a JSON Schema with a 'type' or 'properties' key`;
  }
  return `field '${field}' must be an inline JSON Schema or './file.ts#ExportName' (got ${describeValue(input)})`;
}

const SchemaSourceInput = z.custom<string | Record<string, unknown>>(isSchemaSourceInput, {
  error: schemaSourceError,
});

/** The top-level fields, in the order the valid-fields list shows them. */
export const WORKER_FIELDS = [
  "name",
  "description",
  "model",
  "compatible_models",
  "toolsets",
  "server_side_tools",
  "schema_in",
  "schema_out",
  "model_settings",
  "prompt_cache",
  "budget",
  "max_steps",
  "idle_timeout",
  "request_timeout",
  "attachment_approval",
] as const;

/** A worker file's front matter, as written (snake_case); null means "not set". */
export const WorkerFrontMatter = z.strictObject(
  {
    name: z.string(nameError).regex(IDENTIFIER, nameError).max(MAX_NAME_LENGTH, nameError),
    description: z.string(mustBe("a string")).nullish(),
    model: ModelId.nullish(),
    compatible_models: CompatibleModels.nullish(),
    toolsets: Toolsets.nullish(),
    server_side_tools: ServerSideTools.nullish(),
    schema_in: SchemaSourceInput.nullish(),
    schema_out: SchemaSourceInput.nullish(),
    model_settings: ModelSettingsInput.nullish(),
    prompt_cache: PromptCache.nullish(),
    budget: Budget.nullish(),
    max_steps: positiveInteger().nullish(),
    idle_timeout: timeoutSeconds().nullish(),
    request_timeout: timeoutSeconds().nullish(),
    attachment_approval: z.boolean(mustBe("true or false")).nullish(),
  },
  mappingOf(WORKER_FIELDS),
);

/** The validated front matter. */
export type WorkerFrontMatter = z.infer<typeof WorkerFrontMatter>;
