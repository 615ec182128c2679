/**
 * @module Resolves a worker's `toolsets:` to the names its model can call: other workers,
 * exported toolsets, built-ins and MCP servers. Runs before any model call.
 */
import path from "node:path";
import type { FlexibleSchema } from "ai";
import type { z } from "zod";
import { errorMessage, WorkerFileError } from "../errors.js";
import type { Registry } from "../registry/registry.js";
import type { Toolset } from "../tools/tool.js";
import type { DynamicWorkerHost } from "../toolsets/dynamic-workers/dynamic-worker-host.js";
import type { ToolsetEnvironment, ToolsetFactory } from "../toolsets/toolset-factory.js";
import { quote } from "../util/quote.js";
import { suggest } from "../util/suggest.js";
import type { ToolsetReference, WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";

/** What resolution needs besides the registry. */
export interface PrepareOptions {
  registry: Registry;
  /** The input schema of each worker (default or `schema_in`). */
  workerInputSchema: (worker: WorkerDefinition) => FlexibleSchema<unknown>;
  /** Builds the factory for an MCP server entry (`{ mcp: ... }`), named by its key. */
  mcpFactory?: (name: string) => Promise<ToolsetFactory>;
  cwd: string;
  /** The project folder, for the `filesystem_project` presets (default: `cwd`). */
  projectDir?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Collects created toolsets so the run can close them. */
  created: Toolset[];
  /** Passed to toolset factories as `ToolsetEnvironment.warn`. */
  warn?: (message: string) => void;
  /** The host of a worker's `dynamic_workers` tools (absent: that toolset cannot be built). */
  dynamicWorkers?: (worker: WorkerDefinition) => DynamicWorkerHost;
}

/**
 * The bindings of one worker, by name. Contract: throws WorkerFileError (pointing at the
 * toolset key) for unknown names, bad configuration and tool-name conflicts.
 */
export async function prepareWorkerTools(
  worker: WorkerDefinition,
  options: PrepareOptions,
): Promise<Map<string, Binding>> {
  const bindings = new Map<string, Binding>();
  for (const reference of worker.toolsets) {
    for (const binding of await bindReference(worker, reference, options)) {
      const existing = bindings.get(binding.name);
      if (existing) {
        throw fileError(
          options.cwd,
          worker,
          ["toolsets", reference.name],
          `tool '${binding.name}' from ${binding.source} conflicts with tool '${binding.name}' from ${existing.source}`,
        );
      }
      bindings.set(binding.name, binding);
    }
  }
  return bindings;
}

async function bindReference(
  worker: WorkerDefinition,
  reference: ToolsetReference,
  options: PrepareOptions,
): Promise<Binding[]> {
  const { registry } = options;
  const target = registry.workers.get(reference.name);
  if (target && !("mcp" in reference.config)) {
    rejectConfig(options.cwd, worker, reference, `worker '${target.name}'`);
    checkOverrides(options.cwd, worker, reference, [target.name]);
    return [
      {
        name: target.name,
        kind: "worker",
        description: target.description,
        inputSchema: options.workerInputSchema(target),
        source: `worker '${target.name}' (${relative(options.cwd, target.file)})`,
        worker: target,
        override: reference.approvalConfig[target.name],
      },
    ];
  }
  const exported = registry.toolsets.get(reference.name);
  if (exported && !("mcp" in reference.config)) {
    rejectConfig(options.cwd, worker, reference, `toolset '${exported.name}'`);
    return bindToolset(
      options.cwd,
      worker,
      reference,
      exported.toolset,
      `toolset '${exported.name}' (${relative(options.cwd, exported.file)})`,
    );
  }
  const loadBuiltin = registry.builtins.get(reference.name);
  const factory =
    "mcp" in reference.config && options.mcpFactory
      ? await options.mcpFactory(reference.name)
      : await loadBuiltin?.();
  const other = registry.otherExports.get(reference.name);
  if (!factory && other) {
    throw fileError(
      options.cwd,
      worker,
      ["toolsets", reference.name],
      `${quote(reference.name)} is exported by ${other.file} but is ${other.kind}, not a toolset`,
    );
  }
  if (!factory) {
    const names = [...registry.workers.keys(), ...registry.toolsets.keys(), ...registry.builtins.keys()];
    const hint = suggest(reference.name, names);
    const available = names.length ? names.sort().join(", ") : "none";
    throw fileError(
      options.cwd,
      worker,
      ["toolsets", reference.name],
      `unknown toolset ${quote(reference.name)}${hint ? ` (did you mean '${hint}'?)` : ""} (available: ${available}; an MCP server needs 'mcp:' config)`,
    );
  }
  const toolset = await createFromFactory(worker, reference, factory, options);
  return bindToolset(
    options.cwd,
    worker,
    reference,
    toolset,
    factory.name === reference.name ? `built-in '${factory.name}'` : `MCP server ${quote(reference.name)}`,
  );
}

async function createFromFactory(
  worker: WorkerDefinition,
  reference: ToolsetReference,
  factory: ToolsetFactory,
  options: PrepareOptions,
): Promise<Toolset> {
  const parsed = (factory.configSchema as z.ZodType).safeParse(reference.config);
  if (!parsed.success) {
    // Non-null: a failed zod parse has at least one issue.
    const issue = parsed.error.issues[0]!;
    const where = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    const at = where.length ? ` at ${quote(where.join("."))}` : "";
    throw fileError(
      options.cwd,
      worker,
      ["toolsets", reference.name, ...where],
      `invalid config for toolset ${quote(reference.name)}${at}: ${issue.message}`,
    );
  }
  const environment: ToolsetEnvironment = {
    cwd: options.cwd,
    workerFile: worker.file,
    workerName: worker.name,
    env: options.env,
    warn: options.warn,
    projectDir: options.projectDir,
    dynamicWorkers: options.dynamicWorkers?.(worker),
  };
  try {
    const toolset = await factory.create(parsed.data, environment);
    options.created.push(toolset);
    return toolset;
  } catch (error) {
    throw fileError(options.cwd, worker, ["toolsets", reference.name], errorMessage(error));
  }
}

function bindToolset(
  cwd: string,
  worker: WorkerDefinition,
  reference: ToolsetReference,
  toolset: Toolset,
  source: string,
): Binding[] {
  checkOverrides(cwd, worker, reference, Object.keys(toolset.tools));
  return Object.entries(toolset.tools).map(([name, tool]) => ({
    name,
    kind: "tool" as const,
    description: tool.description,
    inputSchema: tool.inputSchema as FlexibleSchema<unknown>,
    source,
    tool,
    override: reference.approvalConfig[name],
  }));
}

function rejectConfig(
  cwd: string,
  worker: WorkerDefinition,
  reference: ToolsetReference,
  what: string,
): void {
  const keys = Object.keys(reference.config);
  if (keys.length === 0) return;
  throw fileError(
    cwd,
    worker,
    // Non-null: `keys` is not empty here.
    ["toolsets", reference.name, keys[0]!],
    `${what} takes no configuration (only _approval_config); remove '${keys[0]}'`,
  );
}

function checkOverrides(
  cwd: string,
  worker: WorkerDefinition,
  reference: ToolsetReference,
  toolNames: string[],
): void {
  for (const name of Object.keys(reference.approvalConfig)) {
    if (toolNames.includes(name)) continue;
    const hint = suggest(name, toolNames);
    throw fileError(
      cwd,
      worker,
      ["toolsets", reference.name, "_approval_config", name],
      `_approval_config names ${quote(name)}, which is not a tool of ${quote(reference.name)}${hint ? ` (did you mean '${hint}'?)` : ""} (tools: ${toolNames.join(", ")})`,
    );
  }
}

function fileError(
  cwd: string,
  worker: WorkerDefinition,
  keyPath: (string | number)[],
  detail: string,
): WorkerFileError {
  const position = worker.locate(keyPath);
  return new WorkerFileError(relative(cwd, worker.file), position.line, position.column, detail);
}

function relative(cwd: string, file: string): string {
  const result = path.relative(cwd, file);
  return result.startsWith("..") ? file : result;
}
