/**
 * @module Reads the files of a run: `.worker` files and tool files, once each, into a registry.
 */
import path from "node:path";
import { ConfigError, errorMessage, WorkerFileError } from "../errors.js";
import { builtinToolsets } from "../toolsets/builtin-toolsets.js";
import { escapeUnprintable } from "../util/quote.js";
import { readWorkerFile } from "../worker/parse-worker-file.js";
import type { SetOverride } from "../worker/set-override.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import { checkToolset } from "./check-toolset.js";
import { importToolFile, TOOL_FILE_EXTENSIONS } from "./import-tool-file.js";
import { type ExportedToolset, Registry } from "./registry.js";
import { type OtherExport, sortExports } from "./sort-exports.js";

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
  /** How long each tool file may take to load, in milliseconds (default 10 s). */
  toolLoadTimeoutMs?: number;
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
        `${escapeUnprintable(file)}: not a worker or tool file (expected .worker, ${TOOL_FILE_EXTENSIONS.join(", ")})`,
      );
  }
  if (workerFiles.length + toolFiles.length === 0) {
    throw new ConfigError("At least one .worker or tool file is required");
  }
  const workers = await readWorkers(workerFiles, cwd, options);
  const load = (file: string) =>
    importToolFile(file, {
      shownAs: shownPath(cwd, file),
      timeoutMs: options.toolLoadTimeoutMs,
    });
  const modules = new Map<string, Record<string, unknown>>();
  const toolsets: ExportedToolset[] = [];
  const otherExports: OtherExport[] = [];
  for (const file of unique(toolFiles.map((file) => path.resolve(cwd, file)))) {
    const exports = await load(file);
    modules.set(file, exports);
    const shown = escapeUnprintable(shownPath(cwd, file));
    const sorted = sortExports(exports, shown);
    for (const { name, toolset } of sorted.toolsets) {
      await checkToolset(toolset, { file: shown, exportName: name });
      toolsets.push({ name, file: shown, toolset });
    }
    otherExports.push(...sorted.others);
  }
  for (const worker of workers) {
    for (const [field, source] of [
      ["schema_in", worker.schemaIn],
      ["schema_out", worker.schemaOut],
    ] as const) {
      if (source?.type !== "reference" || modules.has(source.file)) continue;
      try {
        modules.set(source.file, await load(source.file));
      } catch (error) {
        // The schema file is the worker's reference: point at it.
        const { line, column } = worker.locate([field]);
        const file = escapeUnprintable(shownPath(cwd, worker.file));
        throw new WorkerFileError(file, line, column, `${field}: ${errorMessage(error)}`);
      }
    }
  }
  return {
    registry: new Registry({ workers, toolsets, otherExports, builtins: builtinToolsets }),
    modules,
  };
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
  // Non-null: `index` was found by findIndex just above.
  workers[index] = await readWorkerFile(display(workers[index]!.file), { overrides: [...overrides] });
  return workers;
}

function shownPath(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
