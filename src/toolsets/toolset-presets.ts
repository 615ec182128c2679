/**
 * @module Presets: built-in toolsets under self-explanatory names, configured once here, so a
 * worker can write `toolsets: [filesystem_project_read_only, shell_read_only]`.
 */
import { z } from "zod";
import type { ShellRule } from "./shell/shell-config.js";
import type { ToolsetEnvironment, ToolsetFactory, ToolsetFactoryLoader } from "./toolset-factory.js";

/**
 * Commands that only read: they run without asking, within their vetted read-only profiles
 * (`shell/read-only-profiles.ts`), so an option that writes or runs a program (`find -exec`,
 * `git log --output`) asks first. Left out: `sort` and `uniq`, whose output operands write files.
 */
export const READ_ONLY_SHELL_RULES: readonly ShellRule[] = [
  "wc",
  "grep",
  "head",
  "tail",
  "cat",
  "ls",
  "find",
  "git log",
  "git diff",
  "git show",
  "git status",
].map((pattern) => ({ pattern, approval_required: false }));

/** Listing runs freely; moving needs approval. Anything else is blocked. */
export const FILE_OPS_SHELL_RULES: readonly ShellRule[] = [
  { pattern: "ls", approval_required: false },
  { pattern: "mv", approval_required: true },
];

/** The filesystem toolset's factory, loaded on first use. */
export const loadFilesystemToolset: ToolsetFactoryLoader = async () =>
  (await import("./filesystem/index.js")).filesystemToolset as ToolsetFactory;

/** The shell toolset's factory, loaded on first use. */
export const loadShellToolset: ToolsetFactoryLoader = async () =>
  (await import("./shell/index.js")).shellToolset as ToolsetFactory;

/**
 * A preset: one built-in toolset with fixed configuration, derived from the run when needed.
 * The base toolset loads when the preset builds its first toolset.
 */
function preset(
  name: string,
  baseName: string,
  loadBase: ToolsetFactoryLoader,
  configFor: (environment: ToolsetEnvironment) => unknown,
): ToolsetFactory<Record<string, never>> {
  return {
    kind: "toolset-factory",
    name,
    configSchema: z.strictObject(
      {},
      {
        error: () =>
          `the preset '${name}' takes no configuration (only _approval_config): to configure it, use '${baseName}' with options`,
      },
    ),
    create: async (_config, environment) => {
      const base = await loadBase();
      return base.create(base.configSchema.parse(configFor(environment)), environment);
    },
  };
}

const projectDir = (environment: ToolsetEnvironment) => environment.projectDir ?? environment.cwd;

const filesystemPreset = (name: string, configFor: (environment: ToolsetEnvironment) => unknown) =>
  preset(name, "filesystem", loadFilesystemToolset, configFor);

const shellPreset = (name: string, configFor: (environment: ToolsetEnvironment) => unknown) =>
  preset(name, "shell", loadShellToolset, configFor);

/** Every preset, by the name a worker's `toolsets:` uses. */
export const toolsetPresets: Readonly<Record<string, ToolsetFactory>> = {
  filesystem_cwd: filesystemPreset("filesystem_cwd", () => ({})),
  filesystem_cwd_read_only: filesystemPreset("filesystem_cwd_read_only", () => ({ read_only: true })),
  filesystem_project: filesystemPreset("filesystem_project", (environment) => ({
    base_dir: projectDir(environment),
  })),
  filesystem_project_read_only: filesystemPreset("filesystem_project_read_only", (environment) => ({
    base_dir: projectDir(environment),
    read_only: true,
  })),
  shell_read_only: shellPreset("shell_read_only", () => ({ rules: READ_ONLY_SHELL_RULES })),
  shell_file_ops: shellPreset("shell_file_ops", () => ({ rules: FILE_OPS_SHELL_RULES })),
} as Record<string, ToolsetFactory>;
