/**
 * @module What `list_files` lists: a walk of a directory tree that never leaves the base
 * directory (each subdirectory is opened by name in its parent's handle, never following a
 * symlink), filtered by a glob pattern. Patterns are matched by `minimatch` against `/`-separated
 * relative paths: `*` (any run of characters) and `?` (one character) stay within a segment,
 * `[abc]`, `[a-z]` and `[!a-z]` (or `[^a-z]`) match one character, and a `**` segment matches any
 * number of directories, none included. Matching is case-sensitive and `*` matches names
 * starting with a dot. There is no escaping, no `{a,b}` and no extended glob: those characters
 * are literal. Packages that glob (`fs.glob`, tinyglobby) walk by path names, which a swapped
 * symlink could lead outside, so only the matching is theirs.
 */
import type { Dirent } from "node:fs";
import type { Directory, FileOperations } from "./file-operations.js";
import { withEntry } from "./with-entry.js";
import { isTemporaryFileName } from "./write-file.js";

/** Options for {@link walkFiles}. */
export interface WalkFilesOptions {
  /** The directory to list: a handle from the walk from the base. */
  root: Directory;
  /** The path of `root` below the base, one name per component. */
  names: readonly string[];
  /** The base directory (a real path). */
  base: string;
  /** The pattern file paths (relative to `root`) must match. */
  glob: Extract<CompiledGlob, { type: "glob" }>;
  /** The file system. */
  operations: FileOperations;
  /** Checked before each directory is read. */
  signal?: AbortSignal;
}

/**
 * The `/`-separated paths, relative to `root`, of the regular files matching the pattern, in no
 * particular order; `write_file`'s temporary files (`.NAME.<hex>.tmp`) are left out. Directories
 * are descended only where the pattern could still match. A symlink is listed when it leads to
 * a regular file inside the base (resolved by a walk from the base); symlinked directories are
 * never descended (so links cannot lead out of the base or into a cycle), nor is a directory
 * that became a symlink after it was read. Subdirectories that cannot be read are skipped.
 *
 * Contract: rejects when `root` itself cannot be read, or with the signal's reason when aborted.
 */
export async function walkFiles(options: WalkFilesOptions): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: Directory, relative: string, entries: Dirent[]): Promise<void> => {
    for (const entry of entries) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!options.glob.mayMatchBelow(path)) continue;
        options.signal?.throwIfAborted();
        await visitSubdirectory(directory, entry.name, path, visit, options);
      } else if (
        options.glob.matches(path) &&
        !isTemporaryFileName(entry.name) &&
        (entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFileInside(path, options))))
      ) {
        found.push(path);
      }
    }
  };
  options.signal?.throwIfAborted();
  await visit(options.root, "", await options.operations.readdir(options.root));
  return found;
}

async function visitSubdirectory(
  parent: Directory,
  name: string,
  path: string,
  visit: (directory: Directory, relative: string, entries: Dirent[]) => Promise<void>,
  options: WalkFilesOptions,
): Promise<void> {
  let directory: Directory;
  try {
    directory = await options.operations.openDirectory(parent, name);
  } catch {
    return; // Gone, unreadable, or swapped for a symlink since it was read: skipped.
  }
  try {
    const children = await options.operations.readdir(directory).catch(() => []);
    await visit(directory, path, children);
  } finally {
    await directory.close();
  }
}

/** Whether the symlink at `path` (below `root`) leads to a regular file inside the base. */
async function isLinkToFileInside(path: string, options: WalkFilesOptions): Promise<boolean> {
  const { operations } = options;
  try {
    const outcome = await withEntry<boolean>(
      { base: options.base, path: ["."].concat(options.names, path).join("/"), operations },
      async (entry) => {
        const stats = await operations.lstat(entry.directory, entry.name);
        if (stats.isSymbolicLink()) return { type: "symlink" };
        return { type: "done", value: stats.isFile() && !isTemporaryFileName(entry.name) };
      },
    );
    return outcome.type === "done" && outcome.value;
  } catch {
    return false;
  }
}

/** A compiled pattern, or why the pattern cannot be used. */
export type CompiledGlob =
  | {
      type: "glob";
      /** True when the relative file path matches the whole pattern. */
      matches(path: string): boolean;
      /** True when some path below this relative directory could match (`""` is the root). */
      mayMatchBelow(directory: string): boolean;
    }
  | { type: "invalid"; reason: string };

const matcherOptions = { dot: true, nobrace: true, noext: true, nonegate: true, nocomment: true };

/**
 * Compiles `pattern`. Empty and `.` segments are ignored; a pattern that is absolute, contains a
 * `..` segment, or is empty is invalid (it could never match a listed path). A character class
 * with a reversed range (`[z-a]`) matches nothing.
 */
export async function compileGlob(pattern: string): Promise<CompiledGlob> {
  const parts = pattern.split("/").filter((part) => part !== "" && part !== ".");
  if (pattern.startsWith("/") || parts.includes("..") || parts.length === 0) {
    return invalid(pattern, "use a non-empty pattern relative to path, without '..'");
  }
  // minimatch is imported on the first listing, off the start-up path (bundled, it takes 5-17 ms).
  const { Minimatch } = await import("minimatch");
  let matcher: InstanceType<typeof Minimatch>;
  try {
    // A backslash is a character of a file name here, not an escape.
    matcher = new Minimatch(parts.join("/").replaceAll("\\", "\\\\"), matcherOptions);
  } catch (error) {
    return invalid(pattern, error instanceof Error ? error.message : String(error));
  }
  return {
    type: "glob",
    matches: (path) => matcher.match(path),
    // minimatch's partial match: the names so far do not contradict the pattern.
    mayMatchBelow: (directory) => directory === "" || matcher.match(directory, true),
  };
}

function invalid(pattern: string, problem: string): CompiledGlob {
  return {
    type: "invalid",
    reason: `Invalid pattern '${pattern}': ${problem} (e.g. '*.txt' or '**/*.md')`,
  };
}
