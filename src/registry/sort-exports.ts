/**
 * @module Sorts a tool file's exports into toolsets and everything else, reading each export
 * once and defensively: an export whose getter or proxy throws is an error naming the file and
 * the export, not a bare `Error: proxy trap`.
 */
import { ConfigError, errorMessage } from "../errors.js";
import { isTool, isToolset, type Toolset } from "../tools/tool.js";
import { quote } from "../util/quote.js";

/** An export that is not a toolset, remembered to explain a worker that names it. */
export interface OtherExport {
  /** The export name. */
  name: string;
  /** The tool file, as shown to the user. */
  file: string;
  /** What it is: `a string`, `a tool`, `a function`, ... */
  kind: string;
}

/** A tool file's exports, sorted. */
export interface SortedExports {
  toolsets: { name: string; toolset: Toolset }[];
  others: OtherExport[];
}

/**
 * Sorts `exports` (the `default` export is neither a toolset nor remembered).
 * Contract: throws ConfigError `<file>: export '<name>' cannot be read: <reason>` when reading
 * or inspecting an export throws, and `<file>: its exports cannot be listed: <reason>` when
 * listing them does.
 */
export function sortExports(exports: unknown, file: string): SortedExports {
  const sorted: SortedExports = { toolsets: [], others: [] };
  let names: string[];
  try {
    names = Object.keys(exports as object);
  } catch (error) {
    throw new ConfigError(`${file}: its exports cannot be listed: ${errorMessage(error)}`, { cause: error });
  }
  for (const name of names) {
    if (name === "default" || name === "__esModule") continue;
    try {
      const value = (exports as Record<string, unknown>)[name];
      if (isToolset(value)) sorted.toolsets.push({ name, toolset: value });
      else sorted.others.push({ name, file, kind: kindOf(value) });
    } catch (error) {
      throw new ConfigError(`${file}: export ${quote(name)} cannot be read: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }
  return sorted;
}

function kindOf(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (isTool(value)) return "a tool (group tools with toolset({ name: tool({ ... }) }))";
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "~standard" in value ? "a schema" : "an object";
  return `a ${typeof value}`;
}
