/**
 * @module The workers a run's models create with `dynamic_workers`: each is checked, written to
 * the run's folder as a `.worker` file, loaded exactly like a file given on the command line,
 * and then callable like any worker (depth limit, budgets and approvals included).
 */
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { errorMessage, isLlmDoError, NotFoundError, ToolExecutionError } from "../errors.js";
import type { Registry } from "../registry/registry.js";
import type {
  DraftResult,
  DynamicWorkerHost,
  WorkerDraft,
  WorkerRequest,
} from "../toolsets/dynamic-workers/dynamic-worker-host.js";
import { renderWorkerFile } from "../toolsets/dynamic-workers/render-worker-file.js";
import { errorCode } from "../util/error-code.js";
import { parseWorkerFile } from "../worker/parse-worker-file.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding } from "./binding.js";

const WORKER_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** What the run provides. */
export interface CreatedWorkersOptions {
  registry: Registry;
  /** The run's working directory (messages show paths relative to it). */
  cwd: string;
  /** The folder this run writes created workers to (absolute; made on first use). */
  folder: string;
  /** Builds and checks a worker's tools, as for any worker; the result is its bindings. */
  prepareTools: (worker: WorkerDefinition) => Promise<Map<string, Binding>>;
  /** A worker's bindings once they are built (the creator's are, while its model runs). */
  bindingsOf: (workerName: string) => ReadonlyMap<string, Binding> | undefined;
  /** Checks a model string the way the run checks worker files' models. */
  checkModel: (model: string) => void;
}

/** The created workers of one run, by name. */
export class CreatedWorkers {
  readonly #workers = new Map<string, WorkerDefinition>();

  constructor(private readonly options: CreatedWorkersOptions) {}

  /** A created worker, by name. */
  get(name: string): WorkerDefinition | undefined {
    return this.#workers.get(name);
  }

  /** The host a creating worker's `dynamic_workers` tools use. */
  hostFor(creator: WorkerDefinition): DynamicWorkerHost {
    return {
      creator: creator.name,
      draft: (request) => this.draft(creator, request),
      create: (request) => this.create(creator, request),
      call: (name, input, context) => {
        if (!this.#workers.has(name)) {
          const created = [...this.#workers.keys()].sort().join(", ") || "none yet";
          throw new NotFoundError(
            `No worker '${name}' was created in this run (created: ${created}); create it with create_worker first`,
          );
        }
        if (this.options.bindingsOf(creator.name)?.has(name)) {
          throw new ToolExecutionError(
            "call_worker",
            `'${name}' is a tool of '${creator.name}': call it directly`,
          );
        }
        return context.call(name, input);
      },
    };
  }

  private draft(creator: WorkerDefinition, request: WorkerRequest): DraftResult {
    // The name becomes a file name: nothing but a plain identifier may reach the path.
    if (!WORKER_NAME.test(request.name)) {
      return {
        type: "invalid",
        reason: `invalid name '${request.name}': use up to 64 letters, digits, '_' and '-', starting with a letter or '_'`,
      };
    }
    const taken = this.takenBy(creator, request.name);
    if (taken)
      return { type: "invalid", reason: `the name '${request.name}' is taken by ${taken}: choose another` };
    const granted: { name: string; config: Record<string, unknown> }[] = [];
    for (const name of request.toolsets ?? []) {
      const reference = creator.toolsets.find((candidate) => candidate.name === name);
      if (!reference) {
        const own = creator.toolsets.map((candidate) => candidate.name).join(", ") || "none";
        return {
          type: "not-allowed",
          reason: `worker '${creator.name}' cannot grant toolset '${name}': it does not have it (it can grant: ${own})`,
        };
      }
      if (granted.some((entry) => entry.name === name))
        return { type: "invalid", reason: `toolset '${name}' is listed twice` };
      const approvals = Object.keys(reference.approvalConfig).length > 0;
      granted.push({
        name,
        config: { ...reference.config, ...(approvals ? { _approval_config: reference.approvalConfig } : {}) },
      });
    }
    const text = renderWorkerFile({
      name: request.name,
      description: request.description,
      model: request.model,
      toolsets: granted,
      schemaIn: request.schema_in,
      schemaOut: request.schema_out,
      instructions: request.instructions,
    });
    const file = this.fileOf(request.name);
    try {
      parseWorkerFile(text, file.shown);
    } catch (error) {
      return { type: "invalid", reason: modelVisible(error) };
    }
    return { type: "ok", draft: { name: request.name, file: file.shown, text } };
  }

  private async create(creator: WorkerDefinition, request: WorkerRequest): Promise<WorkerDraft> {
    const fail = (reason: string) =>
      new ToolExecutionError("create_worker", `Cannot create worker '${request.name}': ${reason}`);
    const result = this.draft(creator, request);
    if (result.type !== "ok") throw fail(result.reason);
    const { draft } = result;
    const file = this.fileOf(draft.name);
    await mkdir(this.options.folder, { recursive: true });
    try {
      await writeFile(file.absolute, draft.text, { flag: "wx" });
    } catch (error) {
      if (errorCode(error) === "EEXIST") throw fail(`${draft.file} already exists`);
      throw fail(`cannot write ${draft.file}: ${errorMessage(error)}`);
    }
    try {
      // Loaded from disk, exactly as a worker file on the command line is.
      const parsed = parseWorkerFile(await readFile(file.absolute, "utf8"), file.shown);
      const worker: WorkerDefinition = { ...parsed, file: file.absolute };
      if (worker.model) this.options.checkModel(worker.model);
      await this.options.prepareTools(worker);
      this.#workers.set(worker.name, worker);
      return draft;
    } catch (error) {
      await unlink(file.absolute).catch(() => {});
      // The creator's file or model being wrong is the model's to fix; anything else is not.
      const isDraftProblem =
        isLlmDoError(error, "WORKER_FILE_INVALID") || isLlmDoError(error, "CONFIG_INVALID");
      if (isLlmDoError(error) && !isDraftProblem) throw error;
      throw fail(modelVisible(error));
    }
  }

  /** What already uses `name`, if anything: every name a caller could mean by it. */
  private takenBy(creator: WorkerDefinition, name: string): string | undefined {
    const { registry } = this.options;
    if (this.#workers.has(name)) return "a worker created earlier in this run";
    if (registry.workers.has(name)) return `the worker '${name}'`;
    if (registry.toolsets.has(name)) return `the toolset '${name}'`;
    if (registry.builtins.has(name)) return `the built-in toolset '${name}'`;
    if (this.options.bindingsOf(creator.name)?.has(name)) return `a tool of '${creator.name}'`;
    try {
      if (registry.findCodeTool(name)) return `the tool '${name}'`;
    } catch {
      return `tools of several toolsets`;
    }
    return undefined;
  }

  private fileOf(name: string): { absolute: string; shown: string } {
    const absolute = path.join(this.options.folder, `${name}.worker`);
    const relative = path.relative(this.options.cwd, absolute);
    return { absolute, shown: relative.startsWith("..") || path.isAbsolute(relative) ? absolute : relative };
  }
}

/**
 * What the model reads about a problem: a worker-file error without the run's folder (which
 * differs between runs), so replays stay stable.
 */
function modelVisible(error: unknown): string {
  if (isLlmDoError(error, "WORKER_FILE_INVALID"))
    return `line ${error.line}, column ${error.column} of its file: ${error.detail}`;
  return errorMessage(error);
}
