/**
 * @module The one-line description of an MCP tool call shown when asking for approval.
 */

/** Options for {@link describeMcpCall}. */
export interface DescribeMcpCallOptions {
  /** The toolset key. */
  serverName: string;
  /** The tool's name on the server. */
  toolName: string;
  /** The call's arguments. */
  input: unknown;
  /** The longest the arguments may be before they are cut (default 100 characters). */
  maxArgumentsLength?: number;
}

/**
 * `notes.add_note({"text":"buy milk"})`: server, tool and compact JSON arguments, cut with `…`
 * when long. No arguments (or `{}`) gives `notes.list_notes()`.
 */
export function describeMcpCall(options: DescribeMcpCallOptions): string {
  const maxLength = options.maxArgumentsLength ?? 100;
  const json = stringifyArguments(options.input);
  const shown = json.length > maxLength ? `${json.slice(0, maxLength - 1)}…` : json;
  return `${options.serverName}.${options.toolName}(${shown})`;
}

function stringifyArguments(input: unknown): string {
  if (input === undefined || input === null) return "";
  try {
    const json = JSON.stringify(input);
    return json === undefined || json === "{}" ? "" : json;
  } catch {
    return String(input);
  }
}
