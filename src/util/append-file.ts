/**
 * @module A file written by appending, synchronously: when `append` returns, the text is in the
 * operating system's hands, so a process killed right after (even `kill -9`) keeps it. Nothing
 * is fsynced: a power cut may lose the last appends (the final file a run writes is fsynced, see
 * `replace-file.ts`).
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** A file open for appending. */
export interface AppendFile {
  /** Appends the whole text (UTF-8). Contract: throws the system error when it cannot. */
  append(text: string): void;
  /** Closes the file. Never throws. */
  close(): void;
}

/** Creates (or empties) `file` and opens it for appending. Contract: throws the system error. */
export type OpenAppendFile = (file: string) => AppendFile;

/** {@link OpenAppendFile} on the real file system. */
export const openAppendFile: OpenAppendFile = (file) => {
  const descriptor = openSync(file, "w");
  let isOpen = true;
  return {
    append(text) {
      const bytes = Buffer.from(text, "utf8");
      let written = 0;
      // A write to a regular file may be short (a signal, a full disk): write the rest.
      while (written < bytes.length) written += writeSync(descriptor, bytes, written);
    },
    close() {
      if (!isOpen) return;
      isOpen = false;
      try {
        closeSync(descriptor);
      } catch {
        // Nothing is lost: every append was already written.
      }
    },
  };
};
