/**
 * @module An `OpenFile` over bytes in memory, for tests of the page readers: only `read` and
 * `seek` work.
 */
import type { OpenFile } from "../../src/toolsets/filesystem/file-operations.js";

/** What a {@link memoryFile} has been asked to do, for tests to assert on. */
export interface MemoryFileLog {
  /** Every read's byte count, in order. */
  reads: number[];
  /** Every position sought to, in order. */
  seeks: number[];
}

/**
 * An `OpenFile` over `bytes`, positioned at 0. Pass a `log` to record the reads and seeks.
 */
export function memoryFile(bytes: Uint8Array, log?: MemoryFileLog): OpenFile {
  let position = 0;
  const unused = async (): Promise<never> => {
    throw new Error("not used");
  };
  return {
    read: async (buffer) => {
      const chunk = bytes.subarray(position, position + buffer.length);
      buffer.set(chunk);
      position += chunk.length;
      log?.reads.push(chunk.length);
      return chunk.length;
    },
    seek: (to) => {
      position = to;
      log?.seeks.push(to);
    },
    write: unused,
    sync: unused,
    chmod: unused,
    stat: unused,
    close: unused,
  };
}
