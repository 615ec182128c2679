/**
 * @module What names, tools and models mean in one run: the entry, a worker's tools (built
 * once per worker), schemas, and each worker's model. Also the checks that make a
 * misconfigured run fail before its first model call.
 */
import type { FlexibleSchema } from "ai";
import {
  checkModel,
  type ModelResolverOptions,
  type ResolvedModel,
  resolveModel,
} from "../models/resolve-model.js";
import { type ModelSpec, modelSpecId, selectModel } from "../models/select-model.js";
import { checkWorkerServerTools } from "../models/server-side-tools.js";
import { isReplaySpec } from "../record/replay-model.js";
import type { Project } from "../registry/load-project.js";
import type { Toolset } from "../tools/tool.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";
import { CreatedWorkers } from "./created-workers.js";
import type { Frame } from "./frame.js";
import { prepareWorkerTools } from "./prepare-worker-tools.js";
import { defaultWorkerInput, schemaFromSource } from "./worker-input-schema.js";

/** What a resolver is built from. */
export interface RunResolverOptions {
  project: Project;
  cwd: string;
  /** The project folder (absolute). */
  projectDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--model`. */
  model?: ModelSpec;
  /** A project file's `model`: used where `LLM_DO_MODEL` would be, and before it. */
  defaultModel?: string;
  modelOptions: ModelResolverOptions;
  /** Collects the toolsets built for workers, so the run can close them. */
  created: Toolset[];
  /** Reports a warning once per run (toolsets use it, e.g. a shell without a sandbox). */
  warn?: (message: string) => void;
  /** The folder `create_worker` writes this run's workers to (absolute; made on first use). */
  createdWorkersFolder?: string;
}

/** Resolves names and models for one run, caching what it builds. */
export class RunResolver {
  readonly #inputSchemas = new Map<WorkerDefinition, FlexibleSchema<unknown>>();
  readonly #outputSchemas = new Map<WorkerDefinition, FlexibleSchema<unknown>>();
  readonly #tools = new Map<string, Promise<Map<string, Binding>>>();
  /** Each worker's bindings once built. */
  readonly #bindings = new Map<string, Map<string, Binding>>();
  readonly #createdWorkers: CreatedWorkers | undefined;
  readonly #models = new Map<string, Promise<ResolvedModel>>();
  /** `--model replay:FILE` answers every worker of the run from the one recording. */
  readonly #replayAll: boolean;

  constructor(private readonly options: RunResolverOptions) {
    this.#replayAll = isReplaySpec(options.model);
    if (options.createdWorkersFolder !== undefined) {
      this.#createdWorkers = new CreatedWorkers({
        registry: options.project.registry,
        cwd: options.cwd,
        folder: options.createdWorkersFolder,
        prepareTools: (worker) => this.prepareCreated(worker),
        bindingsOf: (name) => this.#bindings.get(name),
        checkModel: (model) => {
          // A replay answers every worker, created ones too.
          if (!this.#replayAll) checkModel(model, options.modelOptions);
        },
      });
    }
  }

  /** The input schema a worker exposes as a tool. */
  inputSchema(worker: WorkerDefinition): FlexibleSchema<unknown> {
    let schema = this.#inputSchemas.get(worker);
    if (!schema) {
      schema = worker.schemaIn
        ? schemaFromSource(worker.schemaIn, this.options.project.modules, `${worker.file}: schema_in`)
        : defaultWorkerInput;
      this.#inputSchemas.set(worker, schema);
    }
    return schema;
  }

  /** The schema of a worker's structured result, when it has `schema_out`. */
  outputSchema(worker: WorkerDefinition): FlexibleSchema<unknown> | undefined {
    if (!worker.schemaOut) return undefined;
    let schema = this.#outputSchemas.get(worker);
    if (!schema) {
      schema = schemaFromSource(worker.schemaOut, this.options.project.modules, `${worker.file}: schema_out`);
      this.#outputSchemas.set(worker, schema);
    }
    return schema;
  }

  /** A worker's tools by name, built once per run (MCP servers start here). */
  tools(worker: WorkerDefinition): Promise<Map<string, Binding>> {
    let tools = this.#tools.get(worker.name);
    if (!tools) {
      tools = this.prepare(worker);
      this.#tools.set(worker.name, tools);
    }
    return tools;
  }

  private async prepare(worker: WorkerDefinition): Promise<Map<string, Binding>> {
    const created = this.#createdWorkers;
    const bindings = await prepareWorkerTools(worker, {
      registry: this.options.project.registry,
      workerInputSchema: (target) => this.inputSchema(target),
      cwd: this.options.cwd,
      projectDir: this.options.projectDir,
      env: this.options.env,
      created: this.options.created,
      mcpFactory: loadMcpFactory,
      warn: this.options.warn,
      dynamicWorkers: created ? (creator: WorkerDefinition) => created.hostFor(creator) : undefined,
    });
    this.#bindings.set(worker.name, bindings);
    return bindings;
  }

  /** Builds a created worker's tools; only a worker whose tools built is kept (and callable). */
  private async prepareCreated(worker: WorkerDefinition): Promise<Map<string, Binding>> {
    const bindings = await this.prepare(worker);
    this.#tools.set(worker.name, Promise.resolve(bindings));
    return bindings;
  }

  /** What a name means to code outside any worker: a worker, or a tool of an exported toolset. */
  binding(name: string): Binding {
    const { registry } = this.options.project;
    const worker = registry.workers.get(name);
    if (worker) {
      return {
        name,
        kind: "worker",
        description: worker.description,
        inputSchema: this.inputSchema(worker),
        source: `worker '${name}'`,
        worker,
      };
    }
    const created = this.#createdWorkers?.get(name);
    if (created) {
      return {
        name,
        kind: "worker",
        description: created.description,
        inputSchema: this.inputSchema(created),
        source: `created worker '${name}'`,
        worker: created,
      };
    }
    const found = registry.findCodeTool(name);
    if (found) {
      return {
        name,
        kind: "tool",
        description: found.tool.description,
        inputSchema: found.tool.inputSchema,
        source: `toolset '${found.toolset.name}'`,
        tool: found.tool,
      };
    }
    return registry.notFound("Tool or worker", name);
  }

  /** The entry's binding. Contract: throws NotFoundError listing every name. */
  entry(name: string): Binding {
    const { registry } = this.options.project;
    if (!registry.workers.has(name) && !registry.findCodeTool(name)) registry.notFound("Entry", name);
    return this.binding(name);
  }

  /** The model a worker runs with, given who calls it. */
  selectModel(worker: WorkerDefinition, caller: Frame, isEntry: boolean): ModelSpec {
    const { model, env, defaultModel } = this.options;
    const environment = defaultModel ?? env.LLM_DO_MODEL;
    if (this.#replayAll && model !== undefined) return model;
    return selectModel({
      workerName: worker.name,
      own: worker.model,
      compatibleModels: worker.compatibleModels,
      override: model,
      inherited: caller.model,
      environment: environment || undefined,
      isEntry,
    });
  }

  /** A model ready to call, resolved once per model id. */
  resolveModel(spec: ModelSpec): Promise<ResolvedModel> {
    const key = modelSpecId(spec);
    let resolved = this.#models.get(key);
    if (!resolved) {
      resolved = resolveModel(spec, this.options.modelOptions);
      this.#models.set(key, resolved);
    }
    return resolved;
  }

  /**
   * Fails before any model call: every worker the entry can reach gets its tools built and its
   * model string and server-side tools checked. A code entry may call any worker.
   */
  async preflight(entry: Binding, root: Frame): Promise<void> {
    const { registry } = this.options.project;
    const { model, modelOptions } = this.options;
    const entryWorker = entry.kind === "worker" ? entry.worker : undefined;
    const reachable = entryWorker ? await this.reachableFrom(entryWorker) : [...registry.workers.values()];
    const entrySpec = entryWorker ? this.selectModel(entryWorker, root, true) : model;
    if (typeof entrySpec === "string") checkModel(entrySpec, modelOptions);
    for (const worker of reachable) {
      await this.tools(worker);
      // The entry's own model is not used when --model overrides it.
      const overridden = worker === entryWorker && model !== undefined;
      if (worker.model && !this.#replayAll && !overridden) checkModel(worker.model, modelOptions);
    }
    if (this.#replayAll) return;
    for (const worker of reachable) {
      const spec = worker.model ?? (entryWorker && worker !== entryWorker ? undefined : entrySpec);
      if (spec !== undefined) checkWorkerServerTools(worker, spec, modelOptions.models);
    }
  }

  private async reachableFrom(entry: WorkerDefinition): Promise<WorkerDefinition[]> {
    const seen = new Map<string, WorkerDefinition>([[entry.name, entry]]);
    // Breadth-first: `seen` grows as the loop walks it.
    for (const worker of seen.values()) {
      for (const binding of (await this.tools(worker)).values()) {
        if (binding.kind === "worker" && !seen.has(binding.worker.name)) {
          seen.set(binding.worker.name, binding.worker);
        }
      }
    }
    return [...seen.values()];
  }
}

async function loadMcpFactory(name: string) {
  const module = await import("../toolsets/mcp/index.js");
  return module.createMcpToolsetFactory(name);
}
