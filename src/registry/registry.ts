/**
 * @module Everything a run can call by name: workers, exported toolsets and their tools, and
 * built-in toolset factories. Name conflicts are errors that name both sources.
 */
import { ConfigError, NotFoundError } from "../errors.js";
import type { Tool, Toolset } from "../tools/tool.js";
import type { ToolsetFactoryLoader } from "../toolsets/toolset-factory.js";
import { quote } from "../util/quote.js";
import { suggest } from "../util/suggest.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import type { OtherExport } from "./sort-exports.js";

/** A toolset exported from a tool file. */
export interface ExportedToolset {
  /** The export name: how workers reference it. */
  name: string;
  /** The tool file it came from. */
  file: string;
  toolset: Toolset;
}

/** A tool of an exported toolset, found by name. */
export interface CodeTool {
  name: string;
  tool: Tool;
  toolset: ExportedToolset;
}

/** What a registry is built from. */
export interface RegistrySources {
  workers: readonly WorkerDefinition[];
  toolsets: readonly ExportedToolset[];
  /** Exports of tool files that are not toolsets, to explain a worker that names one. */
  otherExports: readonly OtherExport[];
  /** Built-in toolsets by name, each loaded when a worker names it. */
  builtins: Readonly<Record<string, ToolsetFactoryLoader>>;
}

/** The names a run can use. */
export class Registry {
  readonly workers = new Map<string, WorkerDefinition>();
  readonly toolsets = new Map<string, ExportedToolset>();
  /** Exports of tool files that are not toolsets, by name (the first file wins). */
  readonly otherExports = new Map<string, OtherExport>();
  readonly builtins: ReadonlyMap<string, ToolsetFactoryLoader>;
  readonly #codeTools = new Map<string, CodeTool[]>();

  /** Contract: throws ConfigError on duplicate workers or toolsets, or a worker named like a tool or toolset. */
  constructor(sources: RegistrySources) {
    this.builtins = new Map(Object.entries(sources.builtins));
    for (const worker of sources.workers) {
      const existing = this.workers.get(worker.name);
      if (existing) {
        throw new ConfigError(
          `Duplicate worker name '${worker.name}': defined in ${existing.file} and ${worker.file}`,
        );
      }
      this.workers.set(worker.name, worker);
    }
    for (const toolset of sources.toolsets) this.addToolset(toolset);
    for (const other of sources.otherExports) {
      if (!this.otherExports.has(other.name)) this.otherExports.set(other.name, other);
    }
    for (const worker of this.workers.values()) this.checkWorkerName(worker);
  }

  private addToolset(exported: ExportedToolset): void {
    const existing = this.toolsets.get(exported.name);
    if (existing) {
      throw new ConfigError(
        `Duplicate toolset name '${exported.name}': exported by ${existing.file} and ${exported.file}`,
      );
    }
    if (this.builtins.has(exported.name)) {
      throw new ConfigError(
        `Toolset '${exported.name}' exported by ${exported.file} has the name of a built-in toolset: rename the export`,
      );
    }
    this.toolsets.set(exported.name, exported);
    for (const [name, tool] of Object.entries(exported.toolset.tools)) {
      const list = this.#codeTools.get(name) ?? [];
      list.push({ name, tool, toolset: exported });
      this.#codeTools.set(name, list);
    }
  }

  private checkWorkerName(worker: WorkerDefinition): void {
    const toolset = this.toolsets.get(worker.name);
    if (toolset) {
      throw new ConfigError(
        `Name conflict: worker '${worker.name}' (${worker.file}) and toolset '${worker.name}' exported by ${toolset.file}`,
      );
    }
    const tool = this.#codeTools.get(worker.name)?.[0];
    if (tool) {
      throw new ConfigError(
        `Name conflict: worker '${worker.name}' (${worker.file}) and tool '${worker.name}' in toolset '${tool.toolset.name}' (${tool.toolset.file})`,
      );
    }
    if (this.builtins.has(worker.name)) {
      throw new ConfigError(
        `Worker '${worker.name}' (${worker.file}) has the name of a built-in toolset: rename it`,
      );
    }
  }

  /**
   * The tool of an exported toolset with this name, if exactly one has it.
   * Contract: throws ConfigError when two toolsets both have a tool of that name.
   */
  findCodeTool(name: string): CodeTool | undefined {
    const found = this.#codeTools.get(name);
    if (!found || found.length === 0) return undefined;
    if (found.length > 1) {
      const sources = found.map((entry) => `'${entry.toolset.name}' (${entry.toolset.file})`).join(" and ");
      throw new ConfigError(`Ambiguous tool name ${quote(name)}: it is in toolsets ${sources}`);
    }
    return found[0];
  }

  /** Every name a run can call or reference, sorted. */
  callableNames(): string[] {
    return [...new Set([...this.workers.keys(), ...this.#codeTools.keys()])].sort();
  }

  /** Throws NotFoundError listing what exists. */
  notFound(what: string, name: string): never {
    const names = this.callableNames();
    const hint = suggest(name, names);
    const available = names.length ? names.join(", ") : "none";
    throw new NotFoundError(
      `${what} ${quote(name)} not found${hint ? ` (did you mean '${hint}'?)` : ""} (available: ${available})`,
    );
  }
}
