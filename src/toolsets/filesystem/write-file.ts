/**
 * @module The `write_file` tool: atomically writes a text file inside the base directory.
 */
import { z } from "zod";
import { errorMessage, isLlmDoError, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { errorCode } from "../../util/error-code.js";
import { classifyPath } from "./classify-path.js";
import { countCodePoints } from "./count-code-points.js";
import type { FileOperations } from "./file-operations.js";
import type { FilesystemToolOptions } from "./filesystem-tool-options.js";
import { nodeFileOperations } from "./node-file-operations.js";
import { isTemporaryFileName, temporaryFileMessage } from "./temporary-file-name.js";
import { type Entry, type EntryOutcome, type EntryStep, withEntry } from "./with-entry.js";
import { writeFileAtomically } from "./write-file-atomically.js";

const description = `Write a UTF-8 text file inside the base directory, replacing it if it exists and creating missing parent directories.
\`path\` is relative to the base directory. Absolute paths are accepted only inside it; \`..\`, \`~\` and symlinks that lead outside it are refused.
The write is atomic: the file holds either its old content or all of the new content, never part of it.`;

/** The input of `write_file`. */
export const WriteFileInput = z.object({
  path: z.string().describe("The file to write, relative to the base directory"),
  content: z.string().describe("The complete new content of the file"),
});
/** The input of `write_file`. */
export type WriteFileInput = z.infer<typeof WriteFileInput>;

/**
 * Creates `write_file`, which returns `Written <n> characters to <path>` (`n` in code points,
 * `path` as given). An existing file's permission bits (rwx, not setuid/setgid) are kept; its
 * owner and hard links are not (the file is replaced by a new one). Missing directories are
 * created one level at a time through the walk from the base (`withEntry`), and the file is
 * written and renamed in the directory handle the walk opened. Temporary files that interrupted
 * writes of the same file left behind are removed first.
 */
export function createWriteFileTool(options: FilesystemToolOptions): Tool<WriteFileInput, string> {
  const operations = options.operations ?? nodeFileOperations;
  const running = new Set<string>();
  return tool({
    description,
    inputSchema: WriteFileInput,
    needsApproval: (input) => classifyPath({ ...options, path: input.path, operations }),
    describe: (input) => `Write ${countCodePoints(input.content)} chars to ${input.path}`,
    execute: async (input) => {
      const walk = { base: options.base, path: input.path, operations, createDirectories: true };
      let outcome: EntryOutcome<void>;
      try {
        outcome = await withEntry(walk, (entry) => writeEntry(entry, input, { operations, running }));
      } catch (error) {
        if (isLlmDoError(error)) throw error;
        throw writeError(`Could not write ${input.path}: ${errorMessage(error)}`, error);
      }
      if (outcome.type === "refused") throw writeError(outcome.reason);
      if (outcome.type === "missing") {
        const at = outcome.names.slice(0, outcome.at + 1).join("/");
        throw writeError(`Could not write ${input.path}: ENOTDIR: ${at} is not a directory`);
      }
      return `Written ${countCodePoints(input.content)} characters to ${input.path}`;
    },
  });
}

async function writeEntry(
  entry: Entry,
  input: WriteFileInput,
  context: { operations: FileOperations; running: Set<string> },
): Promise<EntryStep<void>> {
  if (isTemporaryFileName(entry.name)) throw writeError(temporaryFileMessage(input.path));
  const stats = await context.operations.lstat(entry.directory, entry.name).catch((error: unknown) => {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  });
  if (stats?.isSymbolicLink()) return { type: "symlink" };
  if (stats?.isDirectory()) throw writeError(`Not a file: ${input.path} is a directory`);
  await writeFileAtomically({
    directory: entry.directory,
    name: entry.name,
    content: input.content,
    mode: stats === undefined ? undefined : stats.mode & 0o777,
    ...context,
  });
  return { type: "done", value: undefined };
}

function writeError(message: string, cause?: unknown): ToolExecutionError {
  return new ToolExecutionError("write_file", message, cause === undefined ? undefined : { cause });
}
