/**
 * @module Positional arguments: files to load and words of the prompt.
 */
import { TOOL_FILE_EXTENSIONS } from "../registry/import-tool-file.js";

/** Files and prompt words, each in the order given. */
export interface SplitPositionals {
  /** Arguments ending in `.worker`, `.ts`, `.mts`, `.js` or `.mjs`. */
  files: string[];
  /** Everything else. */
  promptWords: string[];
}

/** True when an argument names a file llm-do loads (the same rule as `isProjectFile`). */
export function isFileArgument(argument: string): boolean {
  return (
    argument.endsWith(".worker") || TOOL_FILE_EXTENSIONS.some((extension) => argument.endsWith(extension))
  );
}

/** Splits positional arguments by suffix: files, then the prompt (which may be empty). */
export function splitPositionals(positionals: readonly string[]): SplitPositionals {
  const files: string[] = [];
  const promptWords: string[] = [];
  for (const argument of positionals) (isFileArgument(argument) ? files : promptWords).push(argument);
  return { files, promptWords };
}
