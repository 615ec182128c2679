/**
 * @module Atomic replacement of a file: write a temporary sibling, flush it, rename it over the
 * target. Readers see the old content or the new, never a mixture.
 */
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { ToolExecutionError } from "../../errors.js";
import { assertOpenedInside } from "./assert-opened-inside.js";
import type { FileOperations, OpenFile } from "./file-operations.js";
import { isInside } from "./is-inside.js";
import { outsideBaseMessage } from "./resolve-inside.js";

/** Options for {@link writeFileAtomically}. */
export interface WriteFileAtomicallyOptions {
  /** The target's real absolute path (from `resolveInside`). */
  target: string;
  /** The text to write, as UTF-8. */
  content: string;
  /** Permission bits to give the new file (those of the file it replaces), if any. */
  mode?: number;
  /** The base directory (a real path); the target's directory must stay inside it. */
  base: string;
  /** The path as the model gave it, for messages. */
  path: string;
  /** The file system. */
  operations: FileOperations;
}

/**
 * Creates the target's missing parent directories, writes `.<name>.<random>.tmp` beside the
 * target (created exclusively, never through a symlink), fsyncs it and renames it over the
 * target. The directory's real path is checked after creating it and again right before the
 * rename, and the temporary file's descriptor is checked after opening it.
 *
 * Contract: on any failure the temporary file is removed and the target is untouched; the error
 * is rethrown (confinement failures as `ToolExecutionError`). Directories already created stay.
 */
export async function writeFileAtomically(options: WriteFileAtomicallyOptions): Promise<void> {
  const { operations, target } = options;
  const directory = dirname(target);
  await operations.mkdir(directory);
  await assertDirectoryInside(directory, options);
  const temporary = join(directory, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  const file = await operations.createExclusive(temporary);
  let isOpen = true;
  try {
    await assertOpenedInside(file, { toolName: "write_file", base: options.base, path: options.path });
    await fill(file, options);
    isOpen = false;
    await file.close();
    await assertDirectoryInside(directory, options);
    await operations.rename(temporary, target);
  } catch (error) {
    if (isOpen) await file.close().catch(() => {});
    await operations.unlink(temporary).catch(() => {});
    throw error;
  }
}

async function fill(file: OpenFile, options: WriteFileAtomicallyOptions): Promise<void> {
  if (options.mode !== undefined) await file.chmod(options.mode);
  await file.write(options.content);
  await file.sync();
}

async function assertDirectoryInside(directory: string, options: WriteFileAtomicallyOptions): Promise<void> {
  const real = await options.operations.realpath(directory);
  if (!isInside(options.base, real)) {
    throw new ToolExecutionError("write_file", outsideBaseMessage(options.path, options.base));
  }
}
