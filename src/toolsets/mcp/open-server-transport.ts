/**
 * @module From an MCP server's configuration to a transport the MCP client can connect over:
 * a child process for `command`, streamable HTTP for `url`.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { DEFAULT_INHERITED_ENV_VARS } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ConfigError } from "../../errors.js";
import type { ToolsetEnvironment } from "../toolset-factory.js";
import { ChildProcessTransport } from "./child-process-transport.js";
import { describeProcessExit } from "./describe-process-exit.js";
import { expandEnvironmentReferences } from "./expand-environment-references.js";
import {
  isStdioServerConfig,
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpStdioServerConfig,
} from "./mcp-config.js";

/** A transport plus what the connection needs to explain failures and to shut down. */
export interface ServerTransport {
  /** What the MCP client connects over. */
  transport: Transport;
  /** Why the server is gone (e.g. `it exited with code 1`), or undefined while it may be running. */
  stoppedReason(): string | undefined;
  /** The end of the server's stderr, when it has one. */
  stderrTail(): string;
  /** Shuts the server connection down: stops the process, or ends the HTTP session. Idempotent. */
  close(): Promise<void>;
}

/** Options for {@link openServerTransport}. */
export interface OpenServerTransportOptions {
  /** The toolset key, for messages. */
  serverName: string;
  /** The validated server configuration. */
  server: McpServerConfig;
  /** The run's working directory and environment. */
  environment: Pick<ToolsetEnvironment, "cwd" | "env">;
  /** How long a child process gets to exit at each shutdown step, in milliseconds. */
  gracePeriod?: number;
}

/**
 * Builds the transport for one server. Nothing is started or connected yet.
 *
 * Contract: throws `ConfigError` when a `${NAME}` reference is not set or the working directory
 * does not exist.
 */
export async function openServerTransport(options: OpenServerTransportOptions): Promise<ServerTransport> {
  return isStdioServerConfig(options.server)
    ? openStdioTransport({ ...options, server: options.server })
    : openHttpTransport({ ...options, server: options.server });
}

async function openStdioTransport(
  options: OpenServerTransportOptions & { server: McpStdioServerConfig },
): Promise<ServerTransport> {
  const { serverName, server, environment } = options;
  const cwd = path.resolve(environment.cwd, server.cwd ?? ".");
  if (!(await isDirectory(cwd))) {
    throw new ConfigError(
      `MCP server '${serverName}' failed to start: working directory '${cwd}' does not exist`,
    );
  }
  const transport = new ChildProcessTransport({
    command: resolveCommand(server.command, cwd),
    args: server.args,
    cwd,
    env: { ...inheritedEnvironment(environment.env), ...expandValues(options, "env", server.env) },
    ...(options.gracePeriod === undefined ? {} : { gracePeriod: options.gracePeriod }),
  });
  return {
    transport,
    stoppedReason: () => (transport.exit ? describeProcessExit(transport.exit) : undefined),
    stderrTail: () => transport.stderrTail,
    close: () => transport.close(),
  };
}

function openHttpTransport(
  options: OpenServerTransportOptions & { server: McpHttpServerConfig },
): ServerTransport {
  const headers = expandValues(options, "headers", options.server.headers);
  const transport = new StreamableHTTPClientTransport(new URL(options.server.url), {
    requestInit: { headers },
  });
  return {
    transport,
    stoppedReason: () => undefined,
    stderrTail: () => "",
    close: async () => {
      await endSession(transport);
      await transport.close();
    },
  };
}

// Ending the session lets the server free it; a server that is gone or slow must not hold up
// the end of the run, so this is best effort with a deadline.
async function endSession(transport: StreamableHTTPClientTransport): Promise<void> {
  const deadline = new AbortController();
  try {
    await Promise.race([
      transport.terminateSession().catch(() => {}),
      delay(2000, undefined, { signal: deadline.signal }),
    ]);
  } finally {
    deadline.abort();
  }
}

function expandValues(
  options: OpenServerTransportOptions,
  field: "env" | "headers",
  values: Record<string, string>,
): Record<string, string> {
  return expandEnvironmentReferences({
    values,
    env: options.environment.env,
    describeKey: (key) => `MCP server '${options.serverName}': ${field}.${key}`,
  });
}

// Servers are other people's code: they get the basics (PATH, HOME, ...) and what the worker
// file passes in `env`, not every API key in the run's environment.
function inheritedEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const name of DEFAULT_INHERITED_ENV_VARS) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined) inherited[name] = value;
  }
  return inherited;
}

// `./server` means the file beside the working directory, not one found on PATH.
function resolveCommand(command: string, cwd: string): string {
  const hasSeparator = command.includes("/") || command.includes(path.sep);
  return hasSeparator && !path.isAbsolute(command) ? path.resolve(cwd, command) : command;
}

async function isDirectory(directory: string): Promise<boolean> {
  try {
    return (await stat(directory)).isDirectory();
  } catch {
    return false;
  }
}
