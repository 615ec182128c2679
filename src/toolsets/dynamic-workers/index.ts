/**
 * @module The built-in `dynamic_workers` toolset: `create_worker` writes a new worker file at run
 * time (after approval, showing the whole file) and `call_worker` calls it. A created worker is
 * checked like any worker file and can have only toolsets its creator has.
 */
import { z } from "zod";
import type { ApprovalCheck } from "../../approvals/approval-types.js";
import { ConfigError } from "../../errors.js";
import { type Tool, tool, toolset } from "../../tools/tool.js";
import type { ToolsetFactory } from "../toolset-factory.js";
import type { DynamicWorkerHost, WorkerRequest } from "./dynamic-worker-host.js";

export type { DraftResult, DynamicWorkerHost, WorkerDraft, WorkerRequest } from "./dynamic-worker-host.js";
export { renderWorkerFile } from "./render-worker-file.js";

/** Longest name a created worker may have (it is also a file name). */
export const MAX_WORKER_NAME_LENGTH = 64;

const JsonSchemaObject = z.record(z.string(), z.unknown());

/** `create_worker`'s input. */
export const CreateWorkerInput = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "use letters, digits, '_' and '-', starting with a letter or '_'")
    .max(MAX_WORKER_NAME_LENGTH)
    .describe("The new worker's name: how call_worker calls it, and its file name."),
  description: z.string().optional().describe("One line: what the worker does."),
  instructions: z.string().min(1).describe("The worker's instructions (its system prompt)."),
  toolsets: z
    .array(z.string())
    .optional()
    .describe("Toolsets to give it: only names of toolsets you have yourself. Default: none."),
  model: z
    .string()
    .optional()
    .describe("Its model, 'provider:model-id'. Default: the model of whoever calls it."),
  schema_in: JsonSchemaObject.optional().describe(
    "A JSON Schema of its input object. Default: { input: string, attachments?: string[] }.",
  ),
  schema_out: JsonSchemaObject.optional().describe("A JSON Schema: makes its result a checked object."),
});

/** `call_worker`'s input. */
export const CallWorkerInput = z.object({
  worker: z.string().describe("The name of a worker created with create_worker in this run."),
  input: z
    .union([z.string(), JsonSchemaObject])
    .describe("The task for it: text, or an object matching its schema_in."),
  attachments: z
    .array(z.string())
    .optional()
    .describe("Paths of files (PDFs, images) to send along with a text input."),
});

/** Configuration of `dynamic_workers:` (none yet; `_approval_config` works as for any toolset). */
const DynamicWorkersConfig = z.strictObject(
  {},
  {
    error: () =>
      "dynamic_workers takes no configuration (only _approval_config, e.g. create_worker: { pre_approved: true })",
  },
);

function createWorkerTool(host: DynamicWorkerHost): Tool<z.infer<typeof CreateWorkerInput>, string> {
  return tool({
    description:
      "Create a worker for this run: a model with its own instructions and, optionally, some of your toolsets. Call it afterwards with call_worker. Its file is kept so a person can reuse it.",
    inputSchema: CreateWorkerInput,
    // An invalid request is not worth a question: it runs, and fails with a reason to fix.
    needsApproval: (input: WorkerRequest): ApprovalCheck => {
      const result = host.draft(input);
      if (result.type === "not-allowed") return { type: "blocked", reason: result.reason };
      if (result.type === "invalid") return { type: "pre-approved" };
      return { type: "needs-approval", reason: `${host.creator} creates a worker` };
    },
    describe: (input: WorkerRequest) => {
      const result = host.draft(input);
      if (result.type !== "ok") return `Create worker '${input.name}'`;
      return `Create worker '${input.name}' (${result.draft.file}):\n${result.draft.text}`;
    },
    execute: async (input) => {
      const draft = await host.create(input);
      return `Created worker '${draft.name}'. Call it with call_worker (worker: "${draft.name}").`;
    },
  });
}

function callWorkerTool(host: DynamicWorkerHost): Tool<z.infer<typeof CallWorkerInput>, unknown> {
  return tool({
    description: "Call a worker you created with create_worker, with a task (and optional attachments).",
    inputSchema: CallWorkerInput,
    describe: ({ worker, input }) =>
      `Call created worker ${worker}: ${typeof input === "string" ? input : JSON.stringify(input)}`,
    execute: ({ worker, input, attachments }, ctx) => {
      const value =
        typeof input === "string" ? { input, ...(attachments?.length ? { attachments } : {}) } : input;
      return host.call(worker, value, ctx);
    },
  });
}

/**
 * The `dynamic_workers` toolset factory. Each worker that lists it gets tools bound to itself:
 * what it may grant is its own toolsets.
 *
 * Contract: `create` throws ConfigError outside a run (no host to create workers in).
 */
export const dynamicWorkersToolset: ToolsetFactory<z.infer<typeof DynamicWorkersConfig>> = {
  kind: "toolset-factory",
  name: "dynamic_workers",
  configSchema: DynamicWorkersConfig,
  create(_config, environment) {
    const host = environment.dynamicWorkers;
    if (!host) {
      throw new ConfigError("the dynamic_workers toolset needs a run to create workers in");
    }
    return toolset({ create_worker: createWorkerTool(host), call_worker: callWorkerTool(host) });
  },
};
