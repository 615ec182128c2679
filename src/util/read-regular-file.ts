/**
 * @module Reads a text file that must be a regular file, without ever blocking on a FIFO or
 * reading a device forever.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { nonRegularKind } from "./file-kind.js";

/** The outcome of {@link readRegularFile}. */
export type RegularFileRead = { type: "text"; text: string } | { type: "not-regular"; kind: string };

/**
 * Reads `file` as UTF-8 when it is a regular file (symbolic links are followed). The file is
 * opened non-blocking and checked on the open handle, so a FIFO that nobody writes to is
 * reported, not waited on.
 *
 * Contract: rejects with the file system's error (`ENOENT`, `EACCES`, ...) when it cannot be opened.
 */
export async function readRegularFile(file: string): Promise<RegularFileRead> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const kind = nonRegularKind(await handle.stat());
    if (kind) return { type: "not-regular", kind };
    return { type: "text", text: await handle.readFile("utf8") };
  } finally {
    await handle.close();
  }
}
