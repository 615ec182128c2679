/**
 * @module The built-in `filesystem` toolset: `read_file`, `write_file` and `list_files`, confined
 * to a base directory.
 */
import { type AnyTool, toolset } from "../../tools/tool.js";
import type { ToolsetFactory } from "../toolset-factory.js";
import { FilesystemConfig } from "./filesystem-config.js";
import { createListFilesTool } from "./list-files.js";
import { createReadFileTool } from "./read-file.js";
import { resolveBaseDirectory } from "./resolve-base-directory.js";
import { createWriteFileTool } from "./write-file.js";

export { FilesystemConfig } from "./filesystem-config.js";

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
