/**
 * @module The files of a command line exist, and are files, before anything runs.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { TOOL_FILE_EXTENSIONS } from "../registry/import-tool-file.js";
import { errorCode } from "../util/error-code.js";
import { nonRegularKind } from "../util/file-kind.js";
import { escapeUnprintable } from "../util/quote.js";

/**
 * Checks that at least one file is given and that every file exists (relative to `cwd`) and is
 * a regular file (or a link to one).
 *
 * Contract: throws UsageError `At least one .worker or tool file ... is required`,
 * `File not found: <a>, <b>` naming every missing file (with a hint when one has a space, as a
 * quoted prompt like `"explain app.js"` does), or `<a>: is a FIFO (named pipe), not a regular
 * file` for the first path that is something else. Names are printed with control characters
 * escaped.
 */
export function checkFiles(files: readonly string[], cwd: string): void {
  if (files.length === 0) {
    throw new UsageError(
      `At least one .worker or tool file (${TOOL_FILE_EXTENSIONS.join(", ")}) is required, or a project file (llm-do.yaml) in this folder or above (see llm-do --help)`,
    );
  }
  const missing: string[] = [];
  for (const file of files) {
    const kind = kindOf(path.resolve(cwd, file), file);
    if (kind === "missing") missing.push(file);
    else if (kind !== undefined) {
      throw new UsageError(`${escapeUnprintable(file)}: is ${kind}, not a regular file`);
    }
  }
  if (missing.length === 0) return;
  // `llm-do main.worker "explain app.js"`: a quoted prompt that ends like a file name.
  const hint = missing.some((file) => /\s/.test(file))
    ? " (an argument ending in a file extension is a file; pass such a prompt on stdin)"
    : "";
  throw new UsageError(`File not found: ${missing.map(escapeUnprintable).join(", ")}${hint}`);
}

/** `undefined` for a regular file, `missing`, or what the path is instead. */
function kindOf(absolute: string, file: string): string | undefined {
  try {
    return nonRegularKind(statSync(absolute));
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new UsageError(`Cannot read ${escapeUnprintable(file)}: ${(error as Error).message}`);
  }
}
