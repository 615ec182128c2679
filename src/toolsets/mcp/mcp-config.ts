/**
 * @module The front-matter configuration of an MCP toolset:
 * `{ mcp: { command, args?, env?, cwd? } }` (a local process over stdio) or
 * `{ mcp: { url, headers? } }` (a streamable HTTP endpoint).
 */
import { z } from "zod";

/** An MCP server started as a local process and spoken to over stdin/stdout. */
export interface McpStdioServerConfig {
  /** The executable (looked up on `PATH` unless it contains a `/`). */
  command: string;
  /** Its arguments; relative paths resolve against the process's working directory. */
  args: string[];
  /** Extra environment variables; `${NAME}` is replaced by the run's `NAME`. */
  env: Record<string, string>;
  /** The process's working directory, relative to the run's (default: the run's). */
  cwd?: string;
}

/** An MCP server reached over streamable HTTP. */
export interface McpHttpServerConfig {
  /** The endpoint, `http://` or `https://`. */
  url: string;
  /** Headers sent with every request; `${NAME}` is replaced by the run's `NAME`. */
  headers: Record<string, string>;
}

/** Where the server is: a process to start or a URL to connect to. */
export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

/** The validated configuration of an MCP toolset. */
export interface McpConfig {
  /** The server. */
  mcp: McpServerConfig;
}

const stdioOnlyKeys = ["args", "env", "cwd"] as const;
const httpOnlyKeys = ["headers"] as const;

// YAML turns `DEBUG: true` and `PORT: 8080` into a boolean and a number; the process wants strings.
const EnvironmentValue = z
  .union([z.string(), z.number(), z.boolean()], { error: "expected a string" })
  .transform(String);

const RawServerConfig = z.strictObject(
  {
    command: z.string().min(1, "'command' must not be empty").optional(),
    args: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    env: z.record(z.string(), EnvironmentValue).optional(),
    cwd: z.string().min(1, "'cwd' must not be empty").optional(),
    url: z.string().optional(),
    headers: z.record(z.string(), EnvironmentValue).optional(),
  },
  {
    error: (issue) => {
      if (issue.code !== "invalid_type") return undefined;
      return issue.input === undefined
        ? "missing 'mcp': give the server as { command: ... } or { url: ... }"
        : "'mcp' must be a mapping: { command: ... } or { url: ... }";
    },
  },
);

type RawServerConfig = z.infer<typeof RawServerConfig>;

function checkServerConfig(config: RawServerConfig, context: z.core.$RefinementCtx<RawServerConfig>): void {
  // An unknown key (a misspelt `command`, say) is the real problem; do not pile on.
  if (context.issues.length > 0) return;
  const addIssue = (key: string, message: string) =>
    context.addIssue({ code: "custom", path: [key], message });
  if (config.command === undefined && config.url === undefined) {
    context.addIssue({
      code: "custom",
      path: [],
      message: "an MCP server needs 'command' (a local process) or 'url' (a streamable HTTP endpoint)",
    });
    return;
  }
  if (config.command !== undefined && config.url !== undefined) {
    addIssue("url", "an MCP server takes 'command' or 'url', not both");
    return;
  }
  if (config.url !== undefined) {
    if (!isHttpUrl(config.url))
      addIssue("url", `'url' must be an http:// or https:// URL (got '${config.url}')`);
    for (const key of stdioOnlyKeys) {
      if (config[key] !== undefined)
        addIssue(key, `'${key}' applies only to a server started with 'command'`);
    }
  } else {
    for (const key of httpOnlyKeys) {
      if (config[key] !== undefined) addIssue(key, `'${key}' applies only to a server reached by 'url'`);
    }
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:";
}

function normaliseServerConfig(config: RawServerConfig): McpServerConfig {
  if (config.url !== undefined) return { url: config.url, headers: config.headers ?? {} };
  const server: McpStdioServerConfig = {
    // Non-null: the schema requires command when url is absent.
    command: config.command!,
    args: config.args ?? [],
    env: config.env ?? {},
  };
  if (config.cwd !== undefined) server.cwd = config.cwd;
  return server;
}

/**
 * Validates an MCP toolset's configuration: a strict mapping with exactly one of `command` and
 * `url`. Keys for the other kind of server are errors, pointing at the key.
 */
export const McpConfig: z.ZodType<McpConfig> = z.strictObject({
  mcp: RawServerConfig.superRefine(checkServerConfig).transform(normaliseServerConfig),
});

/** True for a server started as a local process. */
export function isStdioServerConfig(config: McpServerConfig): config is McpStdioServerConfig {
  return "command" in config;
}
