/**
 * @module The `list_files` tool: files inside the base directory matching a glob pattern.
 */
import { z } from "zod";
import { errorMessage, isLlmDoError, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { classifyPath } from "./classify-path.js";
import { compileGlob } from "./compile-glob.js";
import { nodeFileOperations } from "./file-operations.js";
import type { FilesystemToolOptions } from "./filesystem-tool-options.js";
import { requireInside } from "./require-inside.js";
import { walkFiles } from "./walk-files.js";

const description = `List the files in a directory inside the base directory whose paths match a glob pattern.
\`path\` (default '.') is relative to the base directory; paths that lead outside it are refused.
\`pattern\` (default '**/*') is matched against file paths relative to \`path\`: \`*\` and \`?\` match within one path segment, \`[a-z]\` matches one character, and \`**\` matches any number of directories. So '*.txt' lists the top level only, '**/*.txt' every level.
Returns the sorted relative paths (with '/' separators) of regular files, hidden files included. Symlinks leading outside the base directory are skipped. Read a file with read_file.`;

/** The input of `list_files`. */
export const ListFilesInput = z.object({
  path: z
    .string()
    .default(".")
    .describe("The directory to list, relative to the base directory (default '.')"),
  pattern: z.string().default("**/*").describe("The glob pattern file paths must match (default '**/*')"),
});
/** The input of `list_files`, defaults applied. */
export type ListFilesInput = z.infer<typeof ListFilesInput>;

/**
 * Creates `list_files`. A directory that does not exist is an error (`Directory not found:
 * <path>`), not an empty list, so the model learns that the path is wrong. The sort is by plain
 * string comparison.
 */
export function createListFilesTool(options: FilesystemToolOptions): Tool<ListFilesInput, string[]> {
  const operations = options.operations ?? nodeFileOperations;
  return tool({
    description,
    inputSchema: ListFilesInput,
    needsApproval: (input) => classifyPath({ ...options, path: input.path, operations }),
    describe: (input) => `List files matching ${input.pattern} in ${input.path}`,
    execute: async (input, context) => {
      const glob = compileGlob(input.pattern);
      if (glob.type === "invalid") throw listError(glob.reason);
      const target = await requireInside({
        toolName: "list_files",
        base: options.base,
        path: input.path,
        operations,
      });
      if (!target.exists) throw listError(`Directory not found: ${input.path}`);
      if (!(await operations.stat(target.path)).isDirectory()) {
        throw listError(`Not a directory: ${input.path} (use read_file for files)`);
      }
      try {
        const files = await walkFiles({
          root: target.path,
          base: options.base,
          glob,
          operations,
          signal: context.signal,
        });
        return files.sort();
      } catch (error) {
        if (isLlmDoError(error) || context.signal.aborted) throw error;
        throw listError(`Could not list ${input.path}: ${errorMessage(error)}`);
      }
    },
  });
}

function listError(message: string): ToolExecutionError {
  return new ToolExecutionError("list_files", message);
}
