/**
 * @module A disposable temporary project directory for tests.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A temporary directory with files; removed on dispose. */
export interface TempProject extends AsyncDisposable {
  /** The directory (absolute, real path). */
  readonly dir: string;
  /** The absolute path of a file in the project. */
  path(relative: string): string;
  /** Writes (or overwrites) a file, creating parent directories. */
  write(relative: string, content: string | Uint8Array): Promise<string>;
  /** Removes the directory. */
  remove(): Promise<void>;
}

/** Creates a temporary project with the given files (`{ "main.worker": "---\n..." }`). */
export async function tempProject(
  files: Readonly<Record<string, string | Uint8Array>> = {},
): Promise<TempProject> {
  const dir = await mkdtemp(path.join(tmpdir(), "llm-do-test-"));
  const project: TempProject = {
    dir,
    path: (relative) => path.join(dir, relative),
    async write(relative, content) {
      const file = path.join(dir, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
  for (const [name, content] of Object.entries(files)) await project.write(name, content);
  return project;
}
