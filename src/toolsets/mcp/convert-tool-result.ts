/**
 * @module What an MCP tool call returns to the model (or to code): plain JSON, not the
 * protocol's envelope.
 */
import type { CallToolResult, ContentBlock } from "@modelcontextprotocol/sdk/types.js";

/** An MCP tool's output: joined text, structured content, or the content blocks as sent. */
export type McpToolOutput = string | Record<string, unknown> | ContentBlock[];

/** Names the tool in the message for an error result without text. */
export interface ConvertToolResultOptions {
  /** The toolset key. */
  serverName: string;
  /** The tool's name on the server. */
  toolName: string;
}

/**
 * Unwraps a tool result: `structuredContent` when the server sent it (it is the typed form the
 * text merely repeats); otherwise the text blocks joined with newlines when every block is
 * text; otherwise the content blocks unchanged (images, audio, resources).
 *
 * Contract: throws an Error whose message is the server's text when the result has
 * `isError: true`, so the runtime turns it into an error result the model can read.
 */
export function convertToolResult(result: CallToolResult, options: ConvertToolResultOptions): McpToolOutput {
  if (result.isError) {
    const text = joinText(result.content).trim();
    throw new Error(
      text !== "" ? text : `MCP tool '${options.serverName}.${options.toolName}' failed without a message`,
    );
  }
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (result.content.every((block) => block.type === "text")) return joinText(result.content);
  return result.content;
}

function joinText(content: readonly ContentBlock[]): string {
  return content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n");
}
