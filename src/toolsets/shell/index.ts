/**
 * @module The built-in `shell` toolset: one tool, `shell`, that runs allowed commands without
 * a shell, in an OS sandbox where one is available.
 */
import path from "node:path";
import { ConfigError } from "../../errors.js";
import { toolset } from "../../tools/tool.js";
import type { ToolsetFactory } from "../toolset-factory.js";
import { chooseSandbox, type SandboxChoice } from "./choose-sandbox.js";
import { type CommandSandbox, createCommandSandbox } from "./command-sandbox.js";
import { createShellTool } from "./create-shell-tool.js";
import { type FindSandboxOptions, findSandbox, type SandboxSupport } from "./find-sandbox.js";
import { ShellConfig } from "./shell-config.js";

export type { CommandClassification, CommandPolicy } from "./classify-command.js";
export { classifyCommand } from "./classify-command.js";
export type { CommandSandbox } from "./command-sandbox.js";
export { type CreateShellToolOptions, createShellTool, ShellInput } from "./create-shell-tool.js";
export type { SandboxSupport } from "./find-sandbox.js";
export type { CommandResult, CommandRunner, RunCommandOptions } from "./run-command.js";
export { runCommand } from "./run-command.js";
export { ShellConfig, ShellDefault, ShellRule } from "./shell-config.js";

/** Options of {@link createShellToolsetFactory}. */
export interface ShellToolsetFactoryOptions {
  /** Finds the machine's sandbox (default {@link findSandbox} for this platform). */
  findSandbox?: (options: Pick<FindSandboxOptions, "searchPath" | "cwd">) => Promise<SandboxSupport>;
}

/**
 * A `shell` toolset factory. Each worker that lists `shell:` gets its own instance, with
 * commands running in `config.cwd` (resolved against the run's directory) or the run's
 * directory, which is also the one directory a sandboxed command may write.
 *
 * Contract: `create` rejects, naming what to install, when `sandbox: required` and no sandbox
 * can start; under `auto` (the default) it then reports a warning through the environment and
 * runs commands unsandboxed.
 */
export function createShellToolsetFactory(
  options: ShellToolsetFactoryOptions = {},
): ToolsetFactory<ShellConfig> {
  const find = options.findSandbox ?? ((where) => findSandbox({ platform: process.platform, ...where }));
  return {
    kind: "toolset-factory",
    name: "shell",
    configSchema: ShellConfig,
    async create(config, environment) {
      const cwd = path.resolve(environment.cwd, config.cwd ?? ".");
      const mode = config.sandbox ?? "auto";
      const choice: SandboxChoice =
        mode === "off"
          ? { type: "unsandboxed", warning: undefined }
          : chooseSandbox(mode, await find({ searchPath: environment.env.PATH, cwd: environment.cwd }));
      if (choice.type === "refused") throw new ConfigError(choice.message);
      if (choice.type === "unsandboxed" && choice.warning !== undefined) environment.warn?.(choice.warning);
      const sandbox: CommandSandbox | undefined =
        choice.type === "sandboxed"
          ? createCommandSandbox({
              kind: choice.kind,
              executable: choice.executable,
              writable: cwd,
              network: config.network ?? "deny",
            })
          : undefined;
      const shell = createShellTool({
        policy: config,
        cwd,
        env: environment.env,
        ...(sandbox ? { sandbox } : {}),
      });
      return toolset({ shell });
    },
  };
}

/** The `shell` toolset factory, with the machine's sandbox. */
export const shellToolset: ToolsetFactory<ShellConfig> = createShellToolsetFactory();
