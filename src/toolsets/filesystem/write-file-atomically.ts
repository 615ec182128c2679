/**
 * @module Atomic replacement of a file: write a temporary sibling, flush it, rename it over the
 * target. Readers see the old content or the new, never a mixture. Every step names its file in
 * the same open directory handle, so the temporary file, the rename and the clean-up cannot be
 * led into another directory by a rename or symlink swap in between.
 */
import type { Directory, FileOperations, OpenFile } from "./file-operations.js";
import { isTemporaryFileOf, temporaryFileName } from "./temporary-file-name.js";

/** Options for {@link writeFileAtomically}. */
export interface WriteFileAtomicallyOptions {
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
export async function writeFileAtomically(options: WriteFileAtomicallyOptions): Promise<void> {
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
