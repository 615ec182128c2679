/**
 * @module The built-in toolsets every run has, by name: `filesystem`, `shell`,
 * `dynamic_workers` and the presets. Each loads when a worker names it.
 */
import type { ToolsetFactory, ToolsetFactoryLoader } from "./toolset-factory.js";
import { loadFilesystemToolset, loadShellToolset, toolsetPresets } from "./toolset-presets.js";

/** The built-in toolsets' factories, by the name a worker's `toolsets:` uses, each loaded on first use. */
export const builtinToolsets: Readonly<Record<string, ToolsetFactoryLoader>> = {
  filesystem: loadFilesystemToolset,
  shell: loadShellToolset,
  dynamic_workers: async () =>
    (await import("./dynamic-workers/index.js")).dynamicWorkersToolset as ToolsetFactory,
  ...Object.fromEntries(
    Object.values(toolsetPresets).map((preset) => [preset.name, async () => preset] as const),
  ),
};
