/**
 * @module Finds a program on `PATH` the way `execvp` does, so that a command about to run in a
 * sandbox can report "not found" like an unsandboxed one, and so that the sandbox's own program
 * (`bwrap`) is found on the run's `PATH`.
 */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";

/** Where a program is, or why it cannot run. */
export type ExecutableLookup =
  | { type: "found"; path: string }
  | { type: "not-found" }
  | { type: "not-executable"; path: string };

/** Options of {@link findExecutable}. */
export interface FindExecutableOptions {
  /** The `PATH` to search (`:`-separated; an empty entry is the working directory). */
  searchPath: string | undefined;
  /** The directory relative names resolve against. */
  cwd: string;
}

/**
 * Looks up `name`: a name with a slash is resolved against `cwd`; any other is searched for in
 * each `PATH` directory in order. The first regular file this process may execute wins; when
 * only files it may not execute are found, the first of those is `not-executable`.
 *
 * Contract: never throws.
 */
export async function findExecutable(
  name: string,
  options: FindExecutableOptions,
): Promise<ExecutableLookup> {
  const candidates = name.includes("/")
    ? [path.resolve(options.cwd, name)]
    : (options.searchPath ?? "")
        .split(path.delimiter)
        .map((directory) => path.resolve(options.cwd, directory || ".", name));
  let denied: string | undefined;
  for (const candidate of candidates) {
    const state = await fileState(candidate);
    if (state === "executable") return { type: "found", path: candidate };
    if (state === "not-executable") denied ??= candidate;
  }
  return denied === undefined ? { type: "not-found" } : { type: "not-executable", path: denied };
}

async function fileState(file: string): Promise<"executable" | "not-executable" | "missing"> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return "missing";
  return access(file, constants.X_OK).then(
    () => "executable",
    () => "not-executable",
  );
}
