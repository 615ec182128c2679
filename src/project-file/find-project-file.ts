/**
 * @module Finds the project file a command line without files uses: `llm-do.yaml` in the working
 * directory or the nearest folder above it.
 */
import { statSync } from "node:fs";
import path from "node:path";

/** The name of a project file. */
export const PROJECT_FILE_NAME = "llm-do.yaml";

/** The nearest `llm-do.yaml` (absolute) from `cwd` upwards, or `undefined`. */
export function findProjectFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, PROJECT_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    // An unreadable folder on the way up holds no project file we could use.
    return false;
  }
}
