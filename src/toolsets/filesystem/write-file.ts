/**
 * @module The `write_file` tool: atomically writes a text file inside the base directory. It
 * writes a temporary sibling, flushes it and renames it over the target, so readers see the old
 * content or the new, never a mixture. Every step names its file in the same open directory
 * handle, so the temporary file, the rename and the clean-up cannot be led into another directory
 * by a rename or symlink swap in between. The temporary files, `.<name>.<12 hex digits>.tmp`, are
 * reserved: `list_files` never lists them, `read_file` and `write_file` refuse them, and the next
 * write of `<name>` removes those an interrupted write left behind.
 */

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { errorMessage, isLlmDoError, ToolExecutionError } from "../../errors.js";
import { type Tool, tool } from "../../tools/tool.js";
import { errorCode } from "../../util/error-code.js";
import { classifyPath, type FilesystemToolOptions } from "./classify-path.js";
import { type Directory, type FileOperations, nodeFileOperations, type OpenFile } from "./file-operations.js";
import { countCodePoints } from "./text-chunks.js";
import { type Entry, type EntryOutcome, type EntryStep, withEntry } from "./with-entry.js";

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

/** Options for {@link writeFileAtomically}. */
interface WriteFileAtomicallyOptions {
  /** The directory the file is in (a handle from the walk from the base). */
  directory: Directory;
  /** The file's name in `directory`. */
  name: string;
  /** The text to write, as UTF-8. */
  content: string;
  /** Permission bits to give the new file (those of the file it replaces), if any. */
  mode?: number;
  /** The file system. */
  operations: FileOperations;
  /**
   * The temporary names of writes still running in this tool: the clean-up leaves them alone.
   * The write adds its own while it runs.
   */
  running: Set<string>;
}

/**
 * Removes the temporary files earlier writes of `name` left behind (a process killed mid-write),
 * then writes `.<name>.<random>.tmp` in `directory` (created exclusively, never through a
 * symlink), fsyncs it and renames it over `name`.
 *
 * Contract: on any failure the temporary file is removed and the target is untouched; the error
 * is rethrown. A leftover that cannot be removed is left for the next write.
 */
async function writeFileAtomically(options: WriteFileAtomicallyOptions): Promise<void> {
  const { operations, directory } = options;
  await removeLeftovers(options);
  const temporary = temporaryFileName(options.name);
  options.running.add(temporary);
  try {
    const file = await operations.createExclusive(directory, temporary);
    let isOpen = true;
    try {
      await fill(file, options);
      isOpen = false;
      await file.close();
      await operations.rename(directory, temporary, options.name);
    } catch (error) {
      if (isOpen) await file.close().catch(() => {});
      await operations.unlink(directory, temporary).catch(() => {});
      throw error;
    }
  } finally {
    options.running.delete(temporary);
  }
}

async function fill(file: OpenFile, options: WriteFileAtomicallyOptions): Promise<void> {
  if (options.mode !== undefined) await file.chmod(options.mode);
  await file.write(options.content);
  await file.sync();
}

async function removeLeftovers(options: WriteFileAtomicallyOptions): Promise<void> {
  const { operations, directory } = options;
  const entries = await operations.readdir(directory);
  for (const entry of entries) {
    if (entry.isDirectory() || !isTemporaryFileOf(entry.name, options.name)) continue;
    if (options.running.has(entry.name)) continue;
    await operations.unlink(directory, entry.name).catch(() => {});
  }
}

const temporaryPattern = /^\..+\.[0-9a-f]{12}\.tmp$/s;

/** A fresh, unpredictable temporary name for a write of `name`. */
export function temporaryFileName(name: string): string {
  return `.${name}.${randomBytes(6).toString("hex")}.tmp`;
}

/** True when `name` has the form of a temporary file of some write. */
export function isTemporaryFileName(name: string): boolean {
  return temporaryPattern.test(name);
}

/** True when `candidate` is a temporary file of a write of `name` (in the same directory). */
export function isTemporaryFileOf(candidate: string, name: string): boolean {
  const prefix = `.${name}.`;
  return (
    candidate.startsWith(prefix) &&
    candidate.length === prefix.length + 16 &&
    /^[0-9a-f]{12}\.tmp$/.test(candidate.slice(prefix.length))
  );
}

/** The refusal for a path naming a temporary file, worded for the model. */
export function temporaryFileMessage(path: string): string {
  return `Path '${path}' names a temporary file of write_file (.NAME.<12 hex digits>.tmp), which is reserved: use another name`;
}
