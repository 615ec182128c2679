/**
 * @module Which project file a command line uses: none when it names files, else the nearest
 * `llm-do.yaml` from the working directory upwards.
 */
import path from "node:path";
import { findProjectFile } from "../project-file/find-project-file.js";
import { type ProjectFile, readProjectFile } from "../project-file/parse-project-file.js";
import { checkFiles } from "./check-files.js";

/**
 * The project file for `files` given on the command line: `undefined` when there are files
 * (which must exist), the nearest `llm-do.yaml` otherwise.
 *
 * Contract: throws UsageError when there are neither files nor a project file, or a named file is
 * missing; WorkerFileError for a project file that is wrong.
 */
export function projectFileFor(files: readonly string[], cwd: string): ProjectFile | undefined {
  const found = files.length === 0 ? findProjectFile(cwd) : undefined;
  if (found === undefined) {
    checkFiles(files, cwd);
    return undefined;
  }
  return readProjectFile(found, displayPath(found, cwd));
}

/** A path as messages show it: relative to `cwd` when it is inside it (or above it), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === "" || path.isAbsolute(relative) ? file : relative;
}
