/**
 * @module MCP servers as toolsets: a worker's `toolsets: { notes: { mcp: {...} } }` entry.
 */
export type { McpToolOutput } from "./convert-tool-result.js";
export type { McpToolInput } from "./create-mcp-tool.js";
export { createMcpToolsetFactory, type McpToolsetOptions, mcpToolset } from "./create-mcp-toolset-factory.js";
export {
  isStdioServerConfig,
  McpConfig,
  type McpHttpServerConfig,
  type McpServerConfig,
  type McpStdioServerConfig,
} from "./mcp-config.js";
