/**
 * @module The names of `write_file`'s temporary files: `.<name>.<12 hex digits>.tmp` beside the
 * file being written. They are reserved: `list_files` never lists them, `read_file` and
 * `write_file` refuse them, and the next write of `<name>` removes those an interrupted write
 * left behind.
 */
import { randomBytes } from "node:crypto";

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
