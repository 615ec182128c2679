/**
 * @module The built-in `shell` toolset: one tool, `shell`, that runs allowed commands without
 * a shell.
 */
import path from "node:path";
import { toolset } from "../../tools/tool.js";
import type { ToolsetFactory } from "../toolset-factory.js";
import { createShellTool } from "./create-shell-tool.js";
import { ShellConfig } from "./shell-config.js";

export type { CommandClassification, CommandPolicy } from "./classify-command.js";
export { classifyCommand } from "./classify-command.js";
export { type CreateShellToolOptions, createShellTool, ShellInput } from "./create-shell-tool.js";
export type { CommandResult, CommandRunner, RunCommandOptions } from "./run-command.js";
export { runCommand } from "./run-command.js";
export { ShellConfig, ShellDefault, ShellRule } from "./shell-config.js";

/**
 * The `shell` toolset factory. Each worker that lists `shell:` gets its own instance, with
 * commands running in `config.cwd` (resolved against the run's directory) or the run's directory.
 */
export const shellToolset: ToolsetFactory<ShellConfig> = {
  kind: "toolset-factory",
  name: "shell",
  configSchema: ShellConfig,
  create(config, environment) {
    const shell = createShellTool({
      policy: config,
      cwd: path.resolve(environment.cwd, config.cwd ?? "."),
      env: environment.env,
    });
    return toolset({ shell });
  },
};
