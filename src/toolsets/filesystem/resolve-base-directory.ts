import { resolve } from "node:path";
import { ConfigError } from "../../errors.js";
import { errorCode } from "../../util/error-code.js";
import type { FileOperations } from "./file-operations.js";
import { nodeFileOperations } from "./node-file-operations.js";

/** Options for {@link resolveBaseDirectory}. */
export interface ResolveBaseDirectoryOptions {
  /** `base_dir` as configured, if it was. */
  baseDir: string | undefined;
  /** The run's working directory, which `baseDir` is relative to. */
  cwd: string;
  /** The worker file, named in errors. */
  workerFile: string;
  /** The file system (default: the real one). */
  operations?: FileOperations;
}

/**
 * The real path of the configured base directory (default: `cwd`).
 *
 * Contract: throws `ConfigError` when it does not exist or is not a directory.
 */
export async function resolveBaseDirectory(options: ResolveBaseDirectoryOptions): Promise<string> {
  const operations = options.operations ?? nodeFileOperations;
  const configured = options.baseDir ?? ".";
  const absolute = resolve(options.cwd, configured);
  const where = `${options.workerFile}: filesystem toolset: base_dir '${configured}' (${absolute})`;
  let real: string;
  try {
    real = await operations.realpath(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") throw new ConfigError(`${where} does not exist`);
    throw new ConfigError(`${where} cannot be resolved: ${code ?? String(error)}`, { cause: error });
  }
  if (!(await operations.stat(real)).isDirectory()) throw new ConfigError(`${where} is not a directory`);
  return real;
}
