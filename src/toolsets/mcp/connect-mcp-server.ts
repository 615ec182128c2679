/**
 * @module Connecting to one MCP server: start (or reach) it, complete the handshake, list its
 * tools, and then call them, turning every way it can fail into a message that names the server.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  type CallToolResult,
  ErrorCode,
  McpError,
  type Tool as McpToolDefinition,
} from "@modelcontextprotocol/sdk/types.js";
import { ConfigError } from "../../errors.js";
import { describeError } from "./describe-error.js";
import { formatStderrTail } from "./format-stderr-tail.js";
import {
  type OpenServerTransportOptions,
  openServerTransport,
  type ServerTransport,
} from "./open-server-transport.js";

export type { McpToolDefinition };

const clientInfo = { name: "llm-do", version: "0.1.0" };

/** Options for {@link connectMcpServer}. */
export interface ConnectMcpServerOptions extends OpenServerTransportOptions {
  /** How long the handshake and the tool listing may take, in milliseconds (default 30 s). */
  startTimeout?: number;
  /** How long one tool call may take, in milliseconds (default 10 min). */
  callTimeout?: number;
}

/** What a tool call sends. */
export interface McpToolCall {
  /** The tool's name on the server. */
  name: string;
  /** Its arguments. */
  input: Record<string, unknown>;
  /** Cancels the call (the server is sent `notifications/cancelled`). */
  signal: AbortSignal;
}

/** A connected MCP server. */
export interface McpConnection {
  /** The toolset key, for messages. */
  readonly serverName: string;
  /** The server's tools, as it listed them at connection time. */
  readonly tools: readonly McpToolDefinition[];
  /**
   * Calls one tool and returns the server's result as is (including `isError` results).
   *
   * Contract: rejects with the signal's reason when aborted; with `MCP server 'x' is not
   * running (it exited with code 1)` when the process is gone, before or during the call; and
   * with an Error naming the server and the tool for anything else (timeouts, protocol errors).
   */
  callTool(call: McpToolCall): Promise<CallToolResult>;
  /** Disconnects and stops the server process. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects to the configured server and lists its tools.
 *
 * Contract: rejects with a `ConfigError` reading `MCP server '<name>' failed to start: <what
 * happened>` (plus the end of its stderr) when the process cannot be spawned, exits, fails the
 * handshake or does not answer within `startTimeout`, or the URL cannot be reached. Nothing is
 * left running after a failure.
 */
export async function connectMcpServer(options: ConnectMcpServerOptions): Promise<McpConnection> {
  const server = await openServerTransport(options);
  const client = new Client(clientInfo, { capabilities: {} });
  const startTimeout = options.startTimeout ?? 30_000;
  try {
    await client.connect(server.transport, { timeout: startTimeout });
    const tools = await listAllTools(client, startTimeout);
    return createConnection({ ...options, client, serverTransport: server, tools });
  } catch (error) {
    const detail = describeStartFailure(error, server, startTimeout);
    await shutDown(client, server);
    throw new ConfigError(`MCP server '${options.serverName}' failed to start: ${detail}`, { cause: error });
  }
}

function describeStartFailure(error: unknown, server: ServerTransport, startTimeout: number): string {
  const stopped = server.stoppedReason();
  const detail =
    stopped ??
    (isTimeout(error)
      ? `no answer to the MCP handshake within ${seconds(startTimeout)}`
      : describeError(error));
  return detail + formatStderrTail(server.stderrTail());
}

async function listAllTools(client: Client, timeout: number): Promise<McpToolDefinition[]> {
  if (!client.getServerCapabilities()?.tools) return [];
  const tools: McpToolDefinition[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout });
    tools.push(...page.tools);
    cursor = page.nextCursor;
    if (cursor !== undefined && seenCursors.has(cursor)) break;
    if (cursor !== undefined) seenCursors.add(cursor);
  } while (cursor !== undefined);
  return tools;
}

function createConnection(
  options: ConnectMcpServerOptions & {
    client: Client;
    serverTransport: ServerTransport;
    tools: McpToolDefinition[];
  },
): McpConnection {
  const { serverName, client, serverTransport: server } = options;
  const callTimeout = options.callTimeout ?? 600_000;
  let closing: Promise<void> | undefined;

  const unavailable = (): string | undefined => {
    if (closing) return `MCP server '${serverName}' has been closed`;
    const stopped = server.stoppedReason();
    if (stopped === undefined) return undefined;
    return `MCP server '${serverName}' is not running (${stopped})${formatStderrTail(server.stderrTail())}`;
  };

  return {
    serverName,
    tools: options.tools,
    async callTool({ name, input, signal }) {
      const before = unavailable();
      if (before !== undefined) throw new Error(before);
      try {
        const result = await client.callTool({ name, arguments: input }, undefined, {
          signal,
          timeout: callTimeout,
        });
        // Servers on the 2024-10-07 protocol answer `{ toolResult }` instead of `{ content }`.
        if (hasContent(result)) return result;
        return { content: [{ type: "text", text: JSON.stringify(result.toolResult) }] };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const after = unavailable();
        if (after !== undefined) throw new Error(after, { cause: error });
        const detail = isTimeout(error) ? `no answer within ${seconds(callTimeout)}` : describeError(error);
        throw new Error(`MCP server '${serverName}' failed to run '${name}': ${detail}`, { cause: error });
      }
    },
    close() {
      closing ??= shutDown(client, server);
      return closing;
    },
  };
}

async function shutDown(client: Client, server: ServerTransport): Promise<void> {
  try {
    await server.close();
  } finally {
    await client.close();
  }
}

function hasContent(result: CallToolResult | { toolResult: unknown }): result is CallToolResult {
  return "content" in result && Array.isArray(result.content);
}

function isTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.RequestTimeout;
}

function seconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 100) / 10} s`;
}
