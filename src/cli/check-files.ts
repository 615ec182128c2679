/**
 * @module The files of a command line exist before anything runs.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { TOOL_FILE_EXTENSIONS } from "../registry/import-tool-file.js";

/**
 * Checks that at least one file is given and that every file exists (relative to `cwd`).
 *
 * Contract: throws UsageError `At least one .worker or tool file ... is required` or
 * `File not found: <a>, <b>` naming every missing file (with a hint when one has a space, as a
 * quoted prompt like `"explain app.js"` does).
 */
export function checkFiles(files: readonly string[], cwd: string): void {
  if (files.length === 0) {
    throw new UsageError(
      `At least one .worker or tool file (${TOOL_FILE_EXTENSIONS.join(", ")}) is required, or a project file (llm-do.yaml) in this folder or above (see llm-do --help)`,
    );
  }
  const missing = files.filter((file) => !existsSync(path.resolve(cwd, file)));
  if (missing.length === 0) return;
  // `llm-do main.worker "explain app.js"`: a quoted prompt that ends like a file name.
  const hint = missing.some((file) => /\s/.test(file))
    ? " (an argument ending in a file extension is a file; pass such a prompt on stdin)"
    : "";
  throw new UsageError(`File not found: ${missing.join(", ")}${hint}`);
}
