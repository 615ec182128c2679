/**
 * The mechanical half of renaming: the model decides what a file should be called, this code
 * makes the name safe. Deterministic, tested, and trusted (no approval needed).
 */
import { tool, toolset } from "llm-do";
import { z } from "zod";

/**
 * A safe file name: the base name lower-cased, runs of spaces and underscores turned into one
 * hyphen, everything but `a-z`, `0-9` and `-` dropped, hyphens collapsed and trimmed; the
 * extension kept, lower-cased.
 */
export function sanitizeFilename(name: string): string {
  const trimmed = name.trim();
  const dot = trimmed.lastIndexOf(".");
  const hasExtension = dot > 0 && dot < trimmed.length - 1;
  const base = hasExtension ? trimmed.slice(0, dot) : trimmed;
  const extension = hasExtension ? trimmed.slice(dot + 1).toLowerCase() : "";
  const cleaned = base
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/[^a-z0-9-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  const safeBase = cleaned === "" ? "file" : cleaned;
  return extension === "" ? safeBase : `${safeBase}.${extension.replace(/[^a-z0-9]/g, "")}`;
}

export const file_tools = toolset({
  sanitize_filename: tool({
    description:
      "Turn a proposed file name into a safe one: lower case, hyphens instead of spaces and underscores, only a-z, 0-9 and '-', extension kept. Pass the name you chose, with its extension.",
    inputSchema: z.object({ name: z.string().describe("The proposed name, e.g. 'Meeting Notes 2.docx'") }),
    execute: ({ name }) => sanitizeFilename(name),
  }),
});
