/**
 * @module Writes a whole file so that it is never seen half-written: the text goes to a
 * temporary file beside it, which is flushed and then renamed over the target.
 */
import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces `file` with `content` (UTF-8). Contract: on failure the temporary file is removed,
 * `file` is left as it was (or absent), and the error is rethrown.
 */
export async function replaceFile(file: string, content: string): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
}
