/**
 * @module The `list_files` tool: files inside the base directory matching a glob pattern.
 */
import { z } from "zod";
import { errorMessage, isLlmDoError, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { errorCode } from "../../util/error-code.js";
import { classifyPath, type FilesystemToolOptions } from "./classify-path.js";
import { type Directory, type FileOperations, nodeFileOperations } from "./file-operations.js";
import { compileGlob, walkFiles } from "./walk-files.js";
import { type Entry, type EntryOutcome, withEntry } from "./with-entry.js";

const description = `List the files in a directory inside the base directory whose paths match a glob pattern.
\`path\` (default '.') is relative to the base directory; paths that lead outside it are refused.
\`pattern\` (default '**/*') is matched against file paths relative to \`path\`: \`*\` and \`?\` match within one path segment, \`[a-z]\` matches one character, and \`**\` matches any number of directories. So '*.txt' lists the top level only, '**/*.txt' every level.
Returns the sorted relative paths (with '/' separators) of regular files, hidden files included (but not write_file's temporary files). Symlinks leading outside the base directory are skipped. Read a file with read_file.`;

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
 * string comparison. The tree is read through directory handles opened one level at a time
 * without following symlinks, so a directory swapped for a symlink meanwhile is never descended.
 */
export function createListFilesTool(options: FilesystemToolOptions): Tool<ListFilesInput, string[]> {
  const operations = options.operations ?? nodeFileOperations;
  return tool({
    description,
    inputSchema: ListFilesInput,
    needsApproval: (input) => classifyPath({ ...options, path: input.path, operations }),
    describe: (input) => `List files matching ${input.pattern} in ${input.path}`,
    execute: async (input, context) => {
      const glob = await compileGlob(input.pattern);
      if (glob.type === "invalid") throw listError(glob.reason);
      let outcome: EntryOutcome<string[]>;
      try {
        outcome = await withEntry<string[]>(
          { base: options.base, path: input.path, operations },
          async (entry) => {
            const directory = await openListedDirectory(operations, entry, input.path);
            if (directory === "symlink") return { type: "symlink" };
            try {
              const found = await walkFiles({
                root: directory,
                names: entry.names,
                base: options.base,
                glob,
                operations,
                signal: context.signal,
              });
              return { type: "done", value: found };
            } finally {
              await directory.close();
            }
          },
        );
      } catch (error) {
        if (isLlmDoError(error) || context.signal.aborted) throw error;
        throw listError(`Could not list ${input.path}: ${errorMessage(error)}`);
      }
      if (outcome.type === "refused") throw listError(outcome.reason);
      if (outcome.type === "missing") throw listError(`Directory not found: ${input.path}`);
      return outcome.value.sort();
    },
  });
}

/** How often an entry that changes between two looks at it is tried again. */
const maxAttempts = 8;

/** Opens the entry as a directory without following a symlink there: `"symlink"` when it is one. */
async function openListedDirectory(
  operations: FileOperations,
  entry: Entry,
  path: string,
): Promise<Directory | "symlink"> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return await operations.openDirectory(entry.directory, entry.name);
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT") throw listError(`Directory not found: ${path}`);
      if (code !== "ENOTDIR" && code !== "ELOOP" && code !== "EMLINK") throw error;
    }
    const stats = await operations.lstat(entry.directory, entry.name).catch((error: unknown) => {
      if (errorCode(error) === "ENOENT") throw listError(`Directory not found: ${path}`);
      throw error;
    });
    if (stats.isSymbolicLink()) return "symlink";
    if (!stats.isDirectory()) throw listError(`Not a directory: ${path} (use read_file for files)`);
    // A directory again: it was swapped between the two looks, so open it again.
  }
  throw listError(`Could not list ${path}: it kept changing while it was opened`);
}

function listError(message: string): ToolExecutionError {
  return new ToolExecutionError("list_files", message);
}
