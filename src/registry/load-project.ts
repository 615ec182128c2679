/**
 * @module Reads the files of a run: `.worker` files and tool files, once each, into a registry.
 */
import path from "node:path";
import { ConfigError } from "../errors.js";
import { isToolset } from "../tools/tool.js";
import { dynamicWorkersToolset } from "../toolsets/dynamic-workers/index.js";
import { filesystemToolset } from "../toolsets/filesystem/index.js";
import { shellToolset } from "../toolsets/shell/index.js";
import type { ToolsetFactory } from "../toolsets/toolset-factory.js";
import { toolsetPresets } from "../toolsets/toolset-presets.js";
import { readWorkerFile } from "../worker/parse-worker-file.js";
import type { SetOverride } from "../worker/set-override.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import { importToolFile, TOOL_FILE_EXTENSIONS } from "./import-tool-file.js";
import { type ExportedToolset, Registry } from "./registry.js";

/** The built-in toolsets every run has: `filesystem`, `shell`, `dynamic_workers` and the presets. */
export const builtinToolsets: Readonly<Record<string, ToolsetFactory>> = {
  filesystem: filesystemToolset as ToolsetFactory,
  shell: shellToolset as ToolsetFactory,
  dynamic_workers: dynamicWorkersToolset as ToolsetFactory,
  ...toolsetPresets,
};

/** What to load. */
export interface LoadProjectOptions {
  /** `.worker` and tool files (`.ts`, `.mts`, `.js`, `.mjs`), relative to `cwd`. */
  files: readonly string[];
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
  /** `--set` overrides, applied to the entry worker's front matter before validation. */
  overrides?: readonly SetOverride[];
  /** The entry name the overrides apply to (default `main`). */
  entry?: string;
}

/** A loaded project. */
export interface Project {
  registry: Registry;
  /** Every loaded module by absolute path (tool files and schema files). */
  modules: Map<string, Record<string, unknown>>;
}

/** True when a path names a file llm-do loads. */
export function isProjectFile(file: string): boolean {
  return file.endsWith(".worker") || TOOL_FILE_EXTENSIONS.some((extension) => file.endsWith(extension));
}

/**
 * Loads the files. Contract: throws WorkerFileError or ConfigError before anything runs when a
 * file is missing, malformed, or names conflict.
 */
export async function loadProject(options: LoadProjectOptions): Promise<Project> {
  const cwd = options.cwd ?? process.cwd();
  const workerFiles: string[] = [];
  const toolFiles: string[] = [];
  for (const file of options.files) {
    if (file.endsWith(".worker")) workerFiles.push(file);
    else if (isProjectFile(file)) toolFiles.push(file);
    else
      throw new ConfigError(
        `${file}: not a worker or tool file (expected .worker, ${TOOL_FILE_EXTENSIONS.join(", ")})`,
      );
  }
  if (workerFiles.length + toolFiles.length === 0) {
    throw new ConfigError("At least one .worker or tool file is required");
  }
  const workers = await readWorkers(workerFiles, cwd, options);
  const modules = new Map<string, Record<string, unknown>>();
  const toolsets: ExportedToolset[] = [];
  for (const file of unique(toolFiles.map((file) => path.resolve(cwd, file)))) {
    const exports = await importToolFile(file);
    modules.set(file, exports);
    for (const [name, value] of Object.entries(exports)) {
      if (name !== "default" && isToolset(value))
        toolsets.push({ name, file: path.relative(cwd, file) || file, toolset: value });
    }
  }
  for (const worker of workers) {
    for (const source of [worker.schemaIn, worker.schemaOut]) {
      if (source?.type === "reference" && !modules.has(source.file))
        modules.set(source.file, await importToolFile(source.file));
    }
  }
  return { registry: new Registry({ workers, toolsets, builtins: builtinToolsets }), modules };
}

async function readWorkers(
  files: string[],
  cwd: string,
  options: LoadProjectOptions,
): Promise<WorkerDefinition[]> {
  // Messages name files relative to where the user is; reading works from either form.
  const display = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
  };
  const paths = unique(files.map((file) => path.resolve(cwd, file)));
  const workers = await Promise.all(paths.map((file) => readWorkerFile(display(file))));
  const overrides = options.overrides ?? [];
  if (overrides.length === 0) return workers;
  const entry = options.entry ?? "main";
  const index = workers.findIndex((worker) => worker.name === entry);
  if (index === -1) return workers;
  workers[index] = await readWorkerFile(display(workers[index]!.file), { overrides: [...overrides] });
  return workers;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
