/**
 * @module Presets: built-in toolsets under self-explanatory names, configured once here, so a
 * worker can write `toolsets: [filesystem_project_read_only, shell_read_only]`.
 */
import { z } from "zod";
import { filesystemToolset } from "./filesystem/index.js";
import { shellToolset } from "./shell/index.js";
import type { ShellRule } from "./shell/shell-config.js";
import type { ToolsetEnvironment, ToolsetFactory } from "./toolset-factory.js";

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

/** A preset: one built-in toolset with fixed configuration, derived from the run when needed. */
function preset<Config>(
  name: string,
  base: ToolsetFactory<Config>,
  configFor: (environment: ToolsetEnvironment) => unknown,
): ToolsetFactory<Record<string, never>> {
  return {
    kind: "toolset-factory",
    name,
    configSchema: z.strictObject(
      {},
      {
        error: () =>
          `the preset '${name}' takes no configuration (only _approval_config): to configure it, use '${base.name}' with options`,
      },
    ),
    create: (_config, environment) =>
      base.create(base.configSchema.parse(configFor(environment)), environment),
  };
}

const projectDir = (environment: ToolsetEnvironment) => environment.projectDir ?? environment.cwd;

/** Every preset, by the name a worker's `toolsets:` uses. */
export const toolsetPresets: Readonly<Record<string, ToolsetFactory>> = {
  filesystem_cwd: preset("filesystem_cwd", filesystemToolset, () => ({})),
  filesystem_cwd_read_only: preset("filesystem_cwd_read_only", filesystemToolset, () => ({
    read_only: true,
  })),
  filesystem_project: preset("filesystem_project", filesystemToolset, (environment) => ({
    base_dir: projectDir(environment),
  })),
  filesystem_project_read_only: preset("filesystem_project_read_only", filesystemToolset, (environment) => ({
    base_dir: projectDir(environment),
    read_only: true,
  })),
  shell_read_only: preset("shell_read_only", shellToolset, () => ({ rules: READ_ONLY_SHELL_RULES })),
  shell_file_ops: preset("shell_file_ops", shellToolset, () => ({ rules: FILE_OPS_SHELL_RULES })),
} as Record<string, ToolsetFactory>;
