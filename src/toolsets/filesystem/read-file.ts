/**
 * @module The `read_file` tool: one page of a text file inside the base directory.
 */
import type { LRUCache } from "lru-cache";
import { z } from "zod";
import { errorMessage, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { errorCode } from "../../util/error-code.js";
import { classifyPath, type FilesystemToolOptions } from "./classify-path.js";
import { type FileOperations, nodeFileOperations, type OpenFile } from "./file-operations.js";
import { readIndexedTextPage } from "./read-text-page.js";
import type { TextFileScan } from "./scan-text-file.js";
import { type Entry, withEntry } from "./with-entry.js";
import { isTemporaryFileName, temporaryFileMessage } from "./write-file.js";

/** How many files' scans one `read_file` keeps. */
const scanCacheCapacity = 32;

const description = `Read a UTF-8 text file inside the base directory.
\`path\` is relative to the base directory. Absolute paths are accepted only inside it; \`..\`, \`~\` and symlinks that lead outside it are refused.
Returns \`content\` and paging fields. \`offset\` and \`max_chars\` count characters (Unicode code points). \`total_chars\` is the length of the whole file. When \`truncated\` is true, more text follows: call again with \`offset\` set to \`offset + chars_read\`.
Binary files (images, PDFs, archives) are refused: pass them to a worker as attachments instead.`;

/** The input of `read_file`. */
export const ReadFileInput = z.object({
  path: z.string().describe("The file to read, relative to the base directory"),
  offset: z.int().min(0).default(0).describe("The character position to start reading from (default 0)"),
  max_chars: z.int().min(1).default(20_000).describe("The most characters to return (default 20000)"),
});
/** The input of `read_file`, defaults applied. */
export type ReadFileInput = z.infer<typeof ReadFileInput>;

/** What `read_file` returns. All counts are in characters (Unicode code points). */
export interface ReadFileResult {
  /** The characters `[offset, offset + max_chars)` of the file. */
  content: string;
  /** True when more characters follow `content`. */
  truncated: boolean;
  /** The number of characters in the whole file. */
  total_chars: number;
  /** The offset asked for. */
  offset: number;
  /** The number of characters in `content`. */
  chars_read: number;
}

/** What `read_file` is built from. */
export interface ReadFileToolOptions extends FilesystemToolOptions {
  /** Bytes between the checkpoints of a file's index (default 1 MiB); tests make it small. */
  checkpointBytes?: number;
}

/**
 * Creates `read_file`. Files of any size are streamed in chunks (never read whole); the whole
 * file must be valid UTF-8 with no NUL byte in its first 8 KiB. The file is opened through the
 * walk from the base (`withEntry`), never by its path, so a symlink swapped in after the approval
 * check is followed only where it stays inside. Temporary files of `write_file` are refused.
 * The first read of a file's version scans it whole; the scan is kept (keyed by the opened
 * handle's `fstat`), so later pages seek near their offset instead of decoding from the start.
 */
export function createReadFileTool(options: ReadFileToolOptions): Tool<ReadFileInput, ReadFileResult> {
  const operations = options.operations ?? nodeFileOperations;
  // One cache per tool, not per module: no state is shared between runs or workers, a worker
  // paging through a file keeps using the same tool, and the cache dies with the toolset.
  // lru-cache is imported on the first read, off the start-up path (bundled, it takes 2-7 ms).
  let scans: Promise<LRUCache<string, TextFileScan>> | undefined;
  return tool({
    description,
    inputSchema: ReadFileInput,
    needsApproval: (input) => classifyPath({ ...options, path: input.path, operations }),
    describe: (input) => `Read from ${input.path}`,
    execute: async (input, context) => {
      scans ??= import("lru-cache").then(({ LRUCache }) => new LRUCache({ max: scanCacheCapacity }));
      const cache = await scans;
      const walk = { base: options.base, path: input.path, operations };
      const outcome = await withEntry<ReadFileResult>(walk, async (entry) => {
        if (isTemporaryFileName(entry.name)) throw readError(temporaryFileMessage(input.path));
        const file = await openForReading(operations, entry, input.path);
        if (file === "symlink") return { type: "symlink" };
        try {
          return {
            type: "done",
            value: await readPage(file, input, { scans: cache, options, signal: context.signal }),
          };
        } finally {
          await file.close();
        }
      });
      if (outcome.type === "refused") throw readError(outcome.reason);
      if (outcome.type === "missing") throw readError(`File not found: ${input.path}`);
      return outcome.value;
    },
  });
}

interface ReadContext {
  scans: LRUCache<string, TextFileScan>;
  options: ReadFileToolOptions;
  signal: AbortSignal;
}

async function readPage(file: OpenFile, input: ReadFileInput, context: ReadContext): Promise<ReadFileResult> {
  const stats = await file.stat();
  if (stats.isDirectory()) throw readError(`Not a file: ${input.path} (use list_files for directories)`);
  if (!stats.isFile()) throw readError(`Not a regular file: ${input.path}`);
  const page = await readIndexedTextPage(file, {
    stats,
    scans: context.scans,
    offset: input.offset,
    maxChars: input.max_chars,
    signal: context.signal,
    checkpointBytes: context.options.checkpointBytes,
  });
  if (page.type === "binary") {
    throw readError(
      `${input.path} looks like a binary file; read_file only reads text. Pass it to a worker as an attachment instead.`,
    );
  }
  return {
    content: page.content,
    truncated: page.totalChars > input.offset + page.charsRead,
    total_chars: page.totalChars,
    offset: input.offset,
    chars_read: page.charsRead,
  };
}

/** Opens the entry without following a symlink there: `"symlink"` when it is one. */
async function openForReading(
  operations: FileOperations,
  entry: Entry,
  path: string,
): Promise<OpenFile | "symlink"> {
  try {
    return await operations.openFile(entry.directory, entry.name);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ELOOP" || code === "EMLINK") return "symlink";
    if (code === "ENOENT" || code === "ENOTDIR") throw readError(`File not found: ${path}`);
    if (code === "EACCES" || code === "EPERM") throw readError(`Permission denied: ${path}`);
    throw new ToolExecutionError("read_file", `Could not read ${path}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

function readError(message: string): ToolExecutionError {
  return new ToolExecutionError("read_file", message);
}
