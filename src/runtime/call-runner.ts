/**
 * @module The one calling convention. Every call, from the model or from code, goes through
 * `invoke`: normalise and validate the input, pass the approval gate, execute, and emit
 * exactly one `call-start` and one `call-end`.
 */
import { asSchema, type FlexibleSchema } from "ai";
import type { ApprovalGate } from "../approvals/approval-gate.js";
import { classifyCall } from "../approvals/classify-call.js";
import type { GateTicket } from "../approvals/gate-queue.js";
import { workerCallApproval } from "../approvals/worker-call-approval.js";
import {
  AbortError,
  DepthLimitError,
  errorMessage,
  InputValidationError,
  InternalError,
  isLlmDoError,
  ToolExecutionError,
} from "../errors.js";
import type { CallOutcome, RunEvent, SerializedError } from "../events/run-event.js";
import { type ModelSpec, modelSpecId } from "../models/select-model.js";
import type { Registry } from "../registry/registry.js";
import { describeValidationError } from "../util/describe-validation-error.js";
import { errorCode } from "../util/error-code.js";
import { isAbortError } from "../util/is-abort-error.js";
import type { WorkerDefinition } from "../worker/worker-definition.js";
import type { Binding, ToolBinding } from "./binding.js";
import { inputAttachments } from "./build-user-message.js";
import type { CallContext } from "./call-context.js";
import type { Frame, WorkerFrame } from "./frame.js";
import { isFatalError } from "./is-fatal-error.js";
import { toolErrorResult } from "./tool-error-result.js";
import { addUsage, emptyUsage } from "./usage.js";

/** Runs a worker inside its frame (the model loop); supplied by the run. */
export type WorkerExecutor = (
  frame: WorkerFrame,
  worker: WorkerDefinition,
  input: unknown,
  options: {
    history?: unknown[] | undefined;
    isEntry: boolean;
    /** The runner, for the calls the worker makes. */
    runner: CallRunner;
  },
) => Promise<unknown>;

/** What the runner needs from the run. */
export interface CallRunnerServices {
  registry: Registry;
  gate: ApprovalGate;
  emit: (event: RunEvent) => void;
  cwd: string;
  maxDepth: number;
  /** Makes call ids unique within the run. */
  nextId: () => string;
  /** The binding a name has for code that is not inside a worker. */
  globalBinding: (name: string) => Binding;
  executeWorker: WorkerExecutor;
  /** Chooses a worker's model (its own, inherited, `--model`, `LLM_DO_MODEL`). */
  selectWorkerModel: (worker: WorkerDefinition, caller: Frame, isEntry: boolean) => ModelSpec;
  /** Records an error that ends the run and aborts it. */
  fail: (error: unknown) => void;
  /** Runs a tool call as a durable step (durable runs only). */
  toolStep?: (frame: Frame, execute: () => Promise<unknown>) => Promise<unknown>;
  /** The error that ended the run, if any. */
  fatalError: () => unknown;
  now: () => number;
}

/** Options of one invocation. */
export interface InvokeOptions {
  /** Set when the model made the call. */
  toolCallId?: string;
  /** True when the AI SDK already validated the input against the schema. */
  validated?: boolean;
  /** The entry is invoked by the user: it skips the gate. */
  trusted?: boolean;
  /** Conversation history for the entry worker. */
  history?: unknown[];
}

/** Dispatches calls by name and runs them through the gate. */
export class CallRunner {
  constructor(private readonly services: CallRunnerServices) {}

  /**
   * Resolves `name` as `caller` sees it and invokes it. Contract: rejects (never throws) for an
   * unknown name; an ambiguous one is a configuration error that ends the run.
   */
  async callByName(
    caller: Frame,
    name: string,
    input: unknown,
    options: InvokeOptions = {},
  ): Promise<unknown> {
    const binding = this.beforeStart(() => caller.bindings?.get(name) ?? this.services.globalBinding(name));
    return this.invoke(caller, binding, input, options);
  }

  /**
   * Runs a model-initiated call. Contract: never rejects for recoverable errors; they become a
   * tool result the model reads. Fatal errors abort the run and reject.
   */
  async callFromModel(caller: Frame, binding: Binding, input: unknown, toolCallId: string): Promise<unknown> {
    try {
      return await this.invoke(caller, binding, input, { toolCallId, validated: true });
    } catch (error) {
      if (isFatalError(error)) throw error;
      return toolErrorResult(binding.name, error);
    }
  }

  /** The one path every call takes. */
  async invoke(
    caller: Frame,
    binding: Binding,
    rawInput: unknown,
    options: InvokeOptions = {},
  ): Promise<unknown> {
    const { services } = this;
    const frame = this.frameFor(caller, binding, options.trusted === true);
    // Taken before anything is awaited (and after the last step that can throw), so calls reach
    // the approval gate in the order they were made.
    const ticket = options.trusted ? undefined : services.gate.reserve();
    const input = normalizeInput(binding, rawInput);
    const started = services.now();
    services.emit({
      type: "call-start",
      callId: frame.callId,
      ...(caller.kind === "run" ? {} : { parentCallId: caller.callId }),
      name: binding.name,
      kind: binding.kind,
      path: frame.path,
      depth: frame.depth,
      input,
      ...(frame.kind === "worker" ? { model: modelSpecId(frame.model) } : {}),
      ...(options.toolCallId ? { toolCallId: options.toolCallId } : {}),
    });
    let outcome: CallOutcome = "ok";
    let output: unknown;
    let failure: unknown;
    try {
      const value = options.validated ? input : await validateInput(binding, input);
      if (frame.kind === "worker" && frame.depth > services.maxDepth) {
        throw new DepthLimitError(
          `Depth limit of ${services.maxDepth} exceeded calling worker '${binding.name}' (call path: ${frame.path.join(" > ")}); raise it with --max-depth`,
        );
      }
      if (ticket) await this.pass(frame, caller, binding, value, ticket);
      output = await this.execute(frame, binding, value, options);
      return output;
    } catch (error) {
      failure = this.normalizeError(frame, binding, error);
      outcome = outcomeOf(failure);
      // A fatal error ends the run even if the calling code catches it.
      if (isFatalError(failure) && outcome !== "aborted") services.fail(failure);
      throw failure;
    } finally {
      ticket?.release();
      addUsage(caller.usage, frame.usage);
      services.emit({
        type: "call-end",
        callId: frame.callId,
        name: binding.name,
        kind: binding.kind,
        path: frame.path,
        outcome,
        ...(outcome === "ok" ? { output } : { error: serializeError(failure) }),
        usage: frame.usage,
        durationMs: services.now() - started,
      });
    }
  }

  /**
   * The frame of a call `caller` makes to `binding`. A worker's frame is one level deeper and
   * carries the model chosen for it; a tool's inherits its caller's.
   */
  private frameFor(caller: Frame, binding: Binding, isEntry: boolean): Frame {
    const fields = {
      callId: this.services.nextId(),
      name: binding.name,
      path: [...caller.path, binding.name],
      bindings: caller.bindings,
      usage: emptyUsage(),
      signal: caller.signal,
    };
    if (binding.kind === "tool") {
      return { ...fields, kind: "tool", depth: caller.depth, model: caller.model };
    }
    const model = this.beforeStart(() => this.services.selectWorkerModel(binding.worker, caller, isEntry));
    return { ...fields, kind: "worker", depth: caller.depth + 1, model };
  }

  /**
   * Runs a step that comes before `call-start` (resolving the name, choosing the model). A fatal
   * error there ends the run as it would inside the call: the model loop and code that catch it
   * must not carry on with a misconfigured run.
   */
  private beforeStart<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      if (isFatalError(error)) this.services.fail(error);
      throw error;
    }
  }

  private async pass(
    frame: Frame,
    caller: Frame,
    binding: Binding,
    input: unknown,
    ticket: GateTicket,
  ): Promise<void> {
    const check = await classifyCall(
      {
        name: binding.name,
        kind: binding.kind,
        tool:
          binding.kind === "tool"
            ? binding.tool
            : { needsApproval: (value: unknown) => workerCallApproval(binding.worker, value) },
        override: binding.override,
      },
      input,
    );
    // Most calls are pre-approved: they skip describing the call (JSON of the whole input).
    if (check.type === "pre-approved") return ticket.release();
    await this.services.gate.pass({
      callId: frame.callId,
      ticket,
      check,
      signal: frame.signal,
      request: {
        toolName: binding.name,
        input,
        description: describeCall(binding, input),
        ...(check.type === "needs-approval" && check.reason ? { reason: check.reason } : {}),
        callPath: frame.path,
        depth: caller.depth,
      },
    });
  }

  private async execute(
    frame: Frame,
    binding: Binding,
    input: unknown,
    options: InvokeOptions,
  ): Promise<unknown> {
    if (binding.kind === "tool") return this.executeTool(frame, binding, input);
    if (frame.kind !== "worker") throw new InternalError(`worker '${binding.name}' called without its frame`);
    return this.services.executeWorker(frame, binding.worker, input, {
      history: options.history,
      isEntry: options.trusted === true,
      runner: this,
    });
  }

  private async executeTool(frame: Frame, binding: ToolBinding, input: unknown): Promise<unknown> {
    const context: CallContext = {
      call: (name, callInput) => this.callByName(frame, name, callInput) as Promise<never>,
      signal: frame.signal,
      callPath: frame.path,
      depth: frame.depth,
      cwd: this.services.cwd,
    };
    const { toolStep } = this.services;
    if (!toolStep) return binding.tool.execute(input, context);
    return toolStep(frame, async () => {
      try {
        return await binding.tool.execute(input, context);
      } catch (error) {
        throw this.normalizeError(frame, binding, error);
      }
    });
  }

  private normalizeError(frame: Frame, binding: Binding, error: unknown): unknown {
    if (isLlmDoError(error)) return error;
    if (isAbortError(error) || frame.signal.aborted) return new AbortError();
    return new ToolExecutionError(binding.name, `${binding.name} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** A value that is not an object (a prompt string, say) becomes `{ input: value }`. */
function normalizeInput(_binding: Binding, input: unknown): unknown {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input)) return { input };
  return input;
}

async function validateInput(binding: Binding, input: unknown): Promise<unknown> {
  const schema = asSchema(binding.inputSchema as FlexibleSchema<unknown>);
  if (!schema.validate) return input;
  const result = await schema.validate(input);
  if (result.success) return result.value;
  throw new InputValidationError(
    `Invalid input for ${binding.name}: ${describeValidationError(result.error)}`,
  );
}

function describeCall(binding: Binding, input: unknown): string {
  if (binding.kind === "tool" && binding.tool.describe) return binding.tool.describe(input as never);
  if (binding.kind === "worker") {
    const text =
      typeof (input as { input?: unknown })?.input === "string"
        ? (input as { input: string }).input
        : JSON.stringify(input);
    const attachments = inputAttachments(input);
    const files = attachments.length > 0 ? ` (attachments: ${attachments.join(", ")})` : "";
    return `Call worker ${binding.name}: ${truncate(text, 80)}${files}`;
  }
  return `${binding.name}(${truncate(JSON.stringify(input) ?? "", 120)})`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}...` : text;
}

function outcomeOf(error: unknown): CallOutcome {
  if (isLlmDoError(error, "ABORTED")) return "aborted";
  if (isLlmDoError(error, "APPROVAL_DENIED")) return error.kind === "blocked" ? "blocked" : "denied";
  return "error";
}

/** An error as event data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = errorCode(error);
    return { name: error.name, ...(code !== undefined ? { code } : {}), message: error.message };
  }
  return { name: "Error", message: String(error) };
}
