/**
 * @module The built-in `filesystem` toolset: `read_file`, `write_file` and `list_files`, confined
 * to a base directory. The modules beside this one, in reading order: `file-operations.ts` (the
 * directory handles every operation goes through), `with-entry.ts` (the walk from the base that
 * confines a path), `classify-path.ts` (the approval-time check); the tools `read-file.ts` (with
 * its paging: `read-text-page.ts`, `scan-text-file.ts`, `text-chunks.ts`), `list-files.ts` (with
 * `walk-files.ts`) and `write-file.ts`.
 */

import { resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../../errors.js";
import { type AnyTool, toolset } from "../../tools/tool.js";
import { errorCode } from "../../util/error-code.js";
import type { ToolsetFactory } from "../toolset-factory.js";
import { type FileOperations, nodeFileOperations } from "./file-operations.js";
import { createListFilesTool } from "./list-files.js";
import { createReadFileTool } from "./read-file.js";
import { createWriteFileTool } from "./write-file.js";

/** The `filesystem` toolset's configuration in a worker's front matter. Unknown keys are rejected. */
export const FilesystemConfig = z.strictObject({
  base_dir: z
    .string()
    .optional()
    .describe(
      "The directory paths are confined to, relative to the working directory (default: the working directory)",
    ),
  read_approval: z.boolean().default(false).describe("Whether read_file and list_files need approval"),
  write_approval: z.boolean().default(true).describe("Whether write_file needs approval"),
  read_only: z.boolean().default(false).describe("Whether to leave out write_file"),
});
/** The `filesystem` toolset's configuration, defaults applied. */
export type FilesystemConfig = z.infer<typeof FilesystemConfig>;

/** Options for {@link resolveBaseDirectory}. */
interface ResolveBaseDirectoryOptions {
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
async function resolveBaseDirectory(options: ResolveBaseDirectoryOptions): Promise<string> {
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

/**
 * The `filesystem` toolset. `create` resolves `base_dir` (relative to the run's working
 * directory) to a real path once; every tool is confined to it. Reads and listings are
 * pre-approved unless `read_approval`; writes need approval unless `write_approval: false`;
 * `read_only` leaves `write_file` out. Paths outside the base are `blocked` before anything runs.
 *
 * Contract: `create` rejects with `ConfigError` when `base_dir` does not exist or is not a directory.
 */
export const filesystemToolset: ToolsetFactory<FilesystemConfig> = {
  kind: "toolset-factory",
  name: "filesystem",
  configSchema: FilesystemConfig,
  async create(config, environment) {
    const base = await resolveBaseDirectory({
      baseDir: config.base_dir,
      cwd: environment.cwd,
      workerFile: environment.workerFile,
    });
    const tools: Record<string, AnyTool> = {
      read_file: createReadFileTool({ base, requireApproval: config.read_approval }),
      list_files: createListFilesTool({ base, requireApproval: config.read_approval }),
    };
    if (!config.read_only)
      tools.write_file = createWriteFileTool({ base, requireApproval: config.write_approval });
    return toolset(tools);
  },
};
