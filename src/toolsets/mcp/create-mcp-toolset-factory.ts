/**
 * @module The MCP toolset factory: `toolsets: { notes: { mcp: { command: node, args: [server.mjs] } } }`
 * starts the server, lists its tools, and offers them to the worker under their own names.
 */
import { type AnyTool, type Toolset, toolset } from "../../tools/tool.js";
import type { ToolsetEnvironment, ToolsetFactory } from "../toolset-factory.js";
import { connectMcpServer } from "./connect-mcp-server.js";
import { createMcpTool } from "./create-mcp-tool.js";
import { isStdioServerConfig, McpConfig, type McpServerConfig } from "./mcp-config.js";

/** Tuning for {@link createMcpToolsetFactory}; the defaults suit most servers. */
export interface McpToolsetOptions {
  /** How long the server may take to start and list its tools, in milliseconds (default 30 s). */
  startTimeout?: number;
  /** How long one tool call may take, in milliseconds (default 10 min). */
  callTimeout?: number;
  /** How long a stopping process gets after stdin closes, and again after SIGTERM (default 2 s). */
  gracePeriod?: number;
}

/**
 * The factory for the MCP server under one toolset key. The key names the server in every
 * message (`MCP server 'notes' failed to start: ...`) and in approval descriptions
 * (`notes.add_note({"text":"..."})`), which is why the registry passes it in: a factory's
 * `create()` is not told its key.
 *
 * Contract: `create()` resolves once the server has started and listed its tools; it rejects
 * with a `ConfigError` naming the server when that fails, leaving nothing running. The toolset's
 * `close()` stops the server and its child processes.
 */
export function createMcpToolsetFactory(
  serverName: string | undefined,
  options: McpToolsetOptions = {},
): ToolsetFactory<McpConfig> {
  return {
    kind: "toolset-factory",
    name: serverName === undefined ? "mcp" : `mcp:${serverName}`,
    configSchema: McpConfig,
    create: (config: McpConfig, environment: ToolsetEnvironment) =>
      createMcpToolset({
        serverName: serverName ?? describeServer(config.mcp),
        config,
        environment,
        options,
      }),
  };
}

async function createMcpToolset(context: {
  serverName: string;
  config: McpConfig;
  environment: ToolsetEnvironment;
  options: McpToolsetOptions;
}): Promise<Toolset> {
  const connection = await connectMcpServer({
    ...context.options,
    serverName: context.serverName,
    server: context.config.mcp,
    environment: context.environment,
  });
  // fromEntries defines own properties, so a tool named `__proto__` stays a tool.
  const tools: Record<string, AnyTool> = Object.fromEntries(
    connection.tools.map((definition) => [definition.name, createMcpTool(connection, definition)]),
  );
  return toolset(tools, { close: () => connection.close() });
}

// Without a key, name the server by what the user wrote: its command line or its URL.
function describeServer(server: McpServerConfig): string {
  const name = isStdioServerConfig(server) ? [server.command, ...server.args].join(" ") : server.url;
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/**
 * The MCP toolset factory for when the toolset key is not known: messages name the server by
 * its command line or URL. The registry should prefer {@link createMcpToolsetFactory} with the key.
 */
export const mcpToolset: ToolsetFactory<McpConfig> = createMcpToolsetFactory(undefined);
