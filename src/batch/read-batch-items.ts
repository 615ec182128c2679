/**
 * @module The items of a batch: a JSON Lines file (one input per line: a string, or an object
 * for a worker's `schema_in`), or a folder (each file one item, attached to the entry's input).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ConfigError, errorMessage, UsageError } from "../errors.js";
import type { BatchItem } from "./batch-item.js";

/** Options of {@link readBatchItems}. */
export interface ReadBatchItemsOptions {
  /** Relative paths start here; attachments are given relative to it. */
  cwd: string;
  /** The text sent with each file of a folder (default: the file's name). */
  prompt?: string;
}

/**
 * Reads `source`. Contract: throws a UsageError when it does not exist, or when a prompt is given
 * with a JSON Lines file; a ConfigError naming the line when a line is not a string or an object.
 */
export async function readBatchItems(source: string, options: ReadBatchItemsOptions): Promise<BatchItem[]> {
  const absolute = path.resolve(options.cwd, source);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new UsageError(`--inputs ${source}: no such file or folder`);
  if (info.isDirectory()) return folderItems(absolute, options);
  if (options.prompt !== undefined) {
    throw new UsageError(
      `prompt words are sent with each file of a folder of items; --inputs ${source} is a JSON Lines file, whose lines are the inputs`,
    );
  }
  return jsonLinesItems(await readFile(absolute, "utf8"), source);
}

/** Parses JSON Lines items; keys are line numbers (blank lines are skipped, not renumbered). */
export function jsonLinesItems(text: string, source: string): BatchItem[] {
  const items: BatchItem[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ConfigError(`${where}: not JSON (${errorMessage(error)})`);
    }
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    if (typeof value !== "string" && !isObject) {
      const kind = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
      throw new ConfigError(`${where}: an item is a JSON string or object, not ${kind}`);
    }
    items.push({ key: String(index + 1), input: value });
  });
  return items;
}

async function folderItems(folder: string, options: ReadBatchItemsOptions): Promise<BatchItem[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      key: name,
      input: {
        input: options.prompt ?? name,
        attachments: [path.relative(options.cwd, path.join(folder, name)) || name],
      },
    }));
}
