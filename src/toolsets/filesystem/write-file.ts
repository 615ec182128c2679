/**
 * @module The `write_file` tool: atomically writes a text file inside the base directory.
 */
import { z } from "zod";
import { errorMessage, isLlmDoError, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { classifyPath } from "./classify-path.js";
import { countCodePoints } from "./count-code-points.js";
import { nodeFileOperations } from "./file-operations.js";
import type { FilesystemToolOptions } from "./filesystem-tool-options.js";
import { requireInside } from "./require-inside.js";
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
 * owner and hard links are not (the file is replaced by a new one).
 */
export function createWriteFileTool(options: FilesystemToolOptions): Tool<WriteFileInput, string> {
  const operations = options.operations ?? nodeFileOperations;
  return tool({
    description,
    inputSchema: WriteFileInput,
    needsApproval: (input) => classifyPath({ ...options, path: input.path, operations }),
    describe: (input) => `Write ${countCodePoints(input.content)} chars to ${input.path}`,
    execute: async (input) => {
      const target = await requireInside({
        toolName: "write_file",
        base: options.base,
        path: input.path,
        operations,
      });
      let mode: number | undefined;
      if (target.exists) {
        const stats = await operations.stat(target.path);
        if (stats.isDirectory()) {
          throw new ToolExecutionError("write_file", `Not a file: ${input.path} is a directory`);
        }
        mode = stats.mode & 0o777;
      }
      try {
        await writeFileAtomically({
          target: target.path,
          content: input.content,
          mode,
          base: options.base,
          path: input.path,
          operations,
        });
      } catch (error) {
        if (isLlmDoError(error)) throw error;
        throw new ToolExecutionError("write_file", `Could not write ${input.path}: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      return `Written ${countCodePoints(input.content)} characters to ${input.path}`;
    },
  });
}
