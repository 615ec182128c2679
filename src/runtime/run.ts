/**
 * @module `run()`: load the files, resolve the entry, run it through the one calling
 * convention, and stream events. The wiring of the runtime; decisions live in the modules it
 * calls.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import { ApprovalGate } from "../approvals/approval-gate.js";
import { type ApprovalPolicy, normalizePolicy } from "../approvals/approval-policy.js";
import { ApprovalSession } from "../approvals/approval-session.js";
import type { Budget } from "../budget/budget.js";
import { AbortError } from "../errors.js";
import { EventChannel, type RunEventListener } from "../events/event-channel.js";
import type { RunEvent } from "../events/run-event.js";
import { instrumentRun } from "../instrument/instrument-run.js";
import type { RequestTimeouts } from "../models/request-timeouts.js";
import type { RetryOptions } from "../models/retry-policy.js";
import type { ModelSpec } from "../models/select-model.js";
import type { ReplayDriftMode } from "../record/replay-session.js";
import { loadProject, type Project } from "../registry/load-project.js";
import { toolLoadTimeoutFrom } from "../registry/tool-load-timeout.js";
import type { RunTelemetry } from "../telemetry/run-spans.js";
import type { Toolset } from "../tools/tool.js";
import type { SetOverride } from "../worker/set-override.js";
import { CallRunner, serializeError } from "./call-runner.js";
import type { DurableHooks } from "./durable-hooks.js";
import type { Frame } from "./frame.js";
import { resolveRunLimits, workerLimits } from "./run-limits.js";
import { RunResolver } from "./run-resolver.js";
import { runWorkerLoop } from "./run-worker-loop.js";
import { emptyUsage, type Usage } from "./usage.js";

/** Options of one run. */
export interface RunOptions {
  /** `.worker` and tool files to load (or pass `project`). */
  files?: readonly string[];
  /** An already loaded project (chat turns reload files; tests may reuse one). */
  project?: Project;
  /** The entry: a worker or a tool name (default `main`). */
  entry?: string;
  /** The entry's input: a prompt string or an input object. */
  input: unknown;
  /** `--model`: the entry worker's model (and the default for workers a code entry calls). */
  model?: ModelSpec;
  /**
   * The model of workers that set none and inherit none (a project file's `model`): below
   * `model` and a worker's front matter, above `LLM_DO_MODEL`.
   */
  defaultModel?: string;
  /** Named models that model strings resolve to before providers (tests, custom setups). */
  models?: Readonly<Record<string, LanguageModelV4>>;
  /** `--set` overrides of the entry worker's front matter. */
  overrides?: readonly SetOverride[];
  /** How calls that need approval are decided (default `"fail"`). */
  approval?: ApprovalPolicy;
  /** Session approvals; pass the same one to every chat turn. */
  approvalSession?: ApprovalSession;
  /** Deepest worker nesting allowed (default 5, at most 50; the entry worker is depth 1). */
  maxDepth?: number;
  /**
   * Most model requests in one worker call's tool loop (default 100); a worker's `max_steps`
   * beats it. A worker still calling tools at its limit fails with a StepLimitError.
   */
  maxSteps?: number;
  /**
   * How long one attempt of a model request may go without receiving anything (`idleMs`,
   * default 300 s) and take in all (`requestMs`, default 3,600 s); a worker's `idle_timeout` and
   * `request_timeout` beat them. A stalled or overlong attempt is retried like a dropped one.
   */
  timeouts?: Partial<RequestTimeouts>;
  /** Working directory for relative paths, tools and attachments (default `process.cwd()`). */
  cwd?: string;
  /** The project folder: the `filesystem_project` presets are rooted there (default: `cwd`). */
  projectDir?: string;
  /**
   * Where `create_worker` (`dynamic_workers`) writes: each run gets a folder of its own inside,
   * named by its start time and id (default `.llm-do/created-workers`, relative to `cwd`).
   */
  createdWorkersDir?: string;
  /** Environment variables (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * How long each tool file may take to load, in milliseconds (default: `LLM_DO_TOOL_LOAD_TIMEOUT`
   * seconds, else 10 s). A file still loading then is an error naming it.
   */
  toolLoadTimeoutMs?: number;
  /** Cancels the run. */
  signal?: AbortSignal;
  /** Earlier conversation, for the entry worker (chat). */
  history?: readonly ModelMessage[];
  /** Called synchronously with every event. */
  onEvent?: RunEventListener;
  /** A fetch for providers to use. */
  fetch?: typeof globalThis.fetch;
  /** How failed model requests are retried: attempts, total wait cap, and test hooks. */
  retry?: RetryOptions;
  /**
   * `--record`: write every model exchange and approval decision to this file (YAML, or JSON
   * lines for `.jsonl`), appended as each finishes and rewritten in call-tree order at the end.
   */
  record?: string;
  /**
   * `--trace`: write the call tree with timings, usage and cost to this JSON file; its events
   * are appended as they happen, and the finished trace replaces them when the run ends.
   */
  trace?: string;
  /** `--max-cost`, `--max-tokens`, `--max-calls`: limits for the whole run. */
  budget?: Budget;
  /** `--replay-drift`: when a replay diverges from its recording, fail (default) or report and continue. */
  replayDrift?: ReplayDriftMode;
  /**
   * OpenTelemetry spans of the run, its calls and model requests: by default through
   * `@opentelemetry/api` to the tracer provider the application registered (none: no spans);
   * `{ tracer }` for another tracer; `false` for none (the API is then not even loaded).
   */
  telemetry?: RunTelemetry;
  /** Makes the run durable: model requests and tool calls become recorded steps (see `src/durable`). */
  durable?: DurableHooks;
}

/** What a successful run returns. */
export interface RunResult {
  runId: string;
  /** The entry's result: text, or an object for structured output and code entries. */
  output: unknown;
  /** Usage of the whole run. */
  usage: Usage;
  /** The entry worker's conversation, to pass as `history` to the next chat turn. */
  messages: ModelMessage[];
}

/** A started run. */
export interface RunHandle {
  /** Every event, from `run-start` to `run-end`. Start iterating right away. */
  readonly events: AsyncIterable<RunEvent>;
  readonly result: Promise<RunResult>;
}

/** Where `create_worker` writes by default, relative to the working directory. */
export const DEFAULT_CREATED_WORKERS_DIR = ".llm-do/created-workers";

/** A run's own folder of created workers: `20260314-093012-ab12cd34` (UTC start time, run id). */
export function runFolderName(started: number, runId: string): string {
  const time = new Date(started).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${time}-${runId.slice(0, 8)}`;
}

/** Starts a run. */
export function run(options: RunOptions): RunHandle {
  const channel = new EventChannel();
  if (options.onEvent) channel.subscribe(options.onEvent);
  let iterator: AsyncIterable<RunEvent> | undefined;
  const result = Promise.resolve().then(() => execute(options, channel));
  result.catch(() => {});
  return {
    get events() {
      iterator ??= channel.iterate();
      return iterator;
    },
    result,
  };
}

async function execute(options: RunOptions, channel: EventChannel): Promise<RunResult> {
  const runId = randomUUID();
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const entryName = options.entry ?? "main";
  const emit = (event: RunEvent) => channel.emit(event);
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    emit({ type: "warning", message });
  };
  const controller = new AbortController();
  const onAbort = () => controller.abort(new AbortError());
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  let fatal: unknown;
  const failRun = (error: unknown) => {
    if (fatal !== undefined) return;
    fatal = error;
    controller.abort(error);
  };
  const instrumentation = instrumentRun({
    cwd,
    ...(options.record !== undefined ? { record: options.record } : {}),
    ...(options.trace !== undefined ? { trace: options.trace } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.replayDrift ? { replayDrift: options.replayDrift } : {}),
    ...(options.telemetry !== undefined ? { telemetry: options.telemetry } : {}),
    emit,
    fail: failRun,
  });
  channel.subscribe(instrumentation.onEvent);
  const { durable } = options;
  if (durable) {
    durable.start(failRun);
    channel.subscribe((event) => durable.onEvent(event));
  }
  const created: Toolset[] = [];
  const usage = emptyUsage();
  const root: Frame = {
    callId: runId,
    name: "(run)",
    kind: "run",
    path: [],
    depth: 0,
    usage,
    signal: controller.signal,
  };
  emit({
    type: "run-start",
    runId,
    entry: entryName,
    input: options.input,
    time: new Date(started).toISOString(),
  });
  try {
    instrumentation.check();
    const limits = resolveRunLimits(options);
    const project =
      options.project ??
      (await loadProject({
        files: options.files ?? [],
        cwd,
        ...(options.overrides ? { overrides: options.overrides } : {}),
        entry: entryName,
        ...toolLoadTimeoutOf(options.toolLoadTimeoutMs, env),
      }));
    const resolver = new RunResolver({
      project,
      cwd,
      projectDir: path.resolve(cwd, options.projectDir ?? "."),
      createdWorkersFolder: path.resolve(
        cwd,
        options.createdWorkersDir ?? DEFAULT_CREATED_WORKERS_DIR,
        runFolderName(started, runId),
      ),
      env,
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.defaultModel !== undefined ? { defaultModel: options.defaultModel } : {}),
      modelOptions: {
        env,
        cwd,
        ...(options.models ? { models: options.models } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      },
      created,
      warn,
    });
    const entryBinding = resolver.entry(entryName);
    await resolver.preflight(entryBinding, root);
    let entryMessages: ModelMessage[] = [];
    let counter = 0;
    const runner: CallRunner = new CallRunner({
      registry: project.registry,
      gate: new ApprovalGate({
        policy: normalizePolicy(options.approval ?? "fail"),
        session: options.approvalSession ?? new ApprovalSession(),
        emit,
      }),
      emit,
      cwd,
      maxDepth: limits.maxDepth,
      nextId: () => `${runId.slice(0, 8)}-${++counter}`,
      globalBinding: (name) => resolver.binding(name),
      selectWorkerModel: (worker, caller, isEntry) => resolver.selectModel(worker, caller, isEntry),
      executeWorker: async (frame, worker, input, call) => {
        const bindings = await resolver.tools(worker);
        frame.bindings = bindings;
        const resolved = await resolver.resolveModel(frame.model!);
        const model = instrumentation.modelFor(
          frame,
          worker,
          durable ? durable.modelFor(frame, resolved) : resolved,
        );
        const outputSchema = resolver.outputSchema(worker);
        const { maxSteps, timeouts } = workerLimits(worker, limits);
        const loop = await runWorkerLoop({
          frame,
          worker,
          model,
          input,
          ...(call.history ? { history: call.history as ModelMessage[] } : {}),
          bindings,
          runner,
          emit,
          cwd,
          maxSteps,
          timeouts,
          ...(options.retry ? { retry: options.retry } : {}),
          ...(outputSchema ? { outputSchema } : {}),
          fatalError: () => fatal,
        });
        if (call.isEntry) entryMessages = loop.messages;
        return loop.output;
      },
      fail: failRun,
      ...(durable ? { toolStep: (frame, execute) => durable.runTool(frame, execute) } : {}),
      fatalError: () => fatal,
      now: () => Date.now(),
    });
    const output = await runner.invoke(root, entryBinding, options.input, {
      trusted: true,
      ...(options.history ? { history: [...options.history] } : {}),
    });
    if (fatal !== undefined) throw fatal;
    instrumentation.complete();
    const end: RunEvent = {
      type: "run-end",
      runId,
      outcome: "ok",
      output,
      usage,
      durationMs: Date.now() - started,
    };
    // The recording and the trace are written before the run ends; failing to write fails it.
    await instrumentation.close(end);
    emit(end);
    return { runId, output, usage, messages: entryMessages };
  } catch (caught) {
    const error = fatal ?? caught;
    const aborted = (error as { code?: unknown })?.code === "ABORTED";
    const end: RunEvent = {
      type: "run-end",
      runId,
      outcome: aborted ? "aborted" : "error",
      error: serializeError(error),
      usage,
      durationMs: Date.now() - started,
    };
    await instrumentation.close(end).catch(() => {});
    emit(end);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await Promise.allSettled(created.map((toolset) => toolset.close?.()));
    channel.close();
  }
}

function toolLoadTimeoutOf(
  option: number | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { toolLoadTimeoutMs?: number } {
  const timeout = option ?? toolLoadTimeoutFrom(env);
  return timeout !== undefined ? { toolLoadTimeoutMs: timeout } : {};
}
