/**
 * @module One MCP server tool as an llm-do tool: the server's description and JSON Schema,
 * approval required, and a call through the server's connection.
 */
import { type JSONSchema7, jsonSchema } from "ai";
import { type Tool, tool } from "../../tools/tool.js";
import type { McpConnection, McpToolDefinition } from "./connect-mcp-server.js";
import { convertToolResult, type McpToolOutput } from "./convert-tool-result.js";
import { describeMcpCall } from "./describe-mcp-call.js";

/** An MCP tool's arguments: a JSON object. */
export type McpToolInput = Record<string, unknown>;

/**
 * Wraps one of a connected server's tools. Every MCP tool needs approval by default: the code
 * behind it is not ours (a worker's `_approval_config` can still pre-approve it).
 */
export function createMcpTool(
  connection: McpConnection,
  definition: McpToolDefinition,
): Tool<McpToolInput, McpToolOutput> {
  const serverName = connection.serverName;
  const toolName = definition.name;
  return tool<McpToolInput, McpToolOutput>({
    description:
      definition.description ?? definition.title ?? `Tool '${toolName}' of MCP server '${serverName}'.`,
    // The MCP SDK types schema properties as `object`; they are JSON Schema as sent by the server.
    inputSchema: jsonSchema<McpToolInput>(definition.inputSchema as JSONSchema7),
    needsApproval: true,
    describe: (input) => describeMcpCall({ serverName, toolName, input }),
    execute: async (input, context) => {
      const result = await connection.callTool({
        name: toolName,
        input: toArguments(input, `${serverName}.${toolName}`),
        signal: context.signal,
      });
      return convertToolResult(result, { serverName, toolName });
    },
  });
}

// Code may call `ctx.call("list_notes")` with no input; the protocol wants an object.
function toArguments(input: unknown, qualifiedName: string): McpToolInput {
  if (input === undefined || input === null) return {};
  if (typeof input === "object" && !Array.isArray(input)) return input as McpToolInput;
  throw new Error(`MCP tool '${qualifiedName}' takes an object of arguments, not ${JSON.stringify(input)}`);
}
