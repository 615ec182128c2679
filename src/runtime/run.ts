/**
 * @module `run()`: load the files, resolve the entry, run it through the one calling
 * convention, and stream events. The wiring of the runtime; decisions live in the modules it
 * calls.
 */
import { randomUUID } from "node:crypto";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";
import type { ApprovalPolicy } from "../approvals/approval-policy.js";
import type { ApprovalSession } from "../approvals/approval-session.js";
import type { Budget } from "../budget/budget.js";
import { isLlmDoError } from "../errors.js";
import { EventChannel, type RunEventListener } from "../events/event-channel.js";
import type { RunEvent, RunEventOf, SerializedError } from "../events/run-event.js";
import type { RunInstrumentation } from "../instrument/instrument-run.js";
import type { RequestTimeouts } from "../models/request-timeouts.js";
import type { RetryOptions } from "../models/retry-policy.js";
import type { ModelSpec } from "../models/select-model.js";
import type { ReplayDriftMode } from "../record/replay-session.js";
import { loadProject, type Project } from "../registry/load-project.js";
import type { RunTelemetry } from "../telemetry/run-spans.js";
import type { SetOverride } from "../worker/set-override.js";
import { CallRunner, serializeError } from "./call-runner.js";
import type { DurableHooks } from "./durable-hooks.js";
import type { Frame } from "./frame.js";
import { RunFailure } from "./run-failure.js";
import { resolveRunLimits } from "./run-limits.js";
import { RunResolver } from "./run-resolver.js";
import { observeRun, projectOptions, type RunContext, resolverOptions, runnerServices } from "./run-setup.js";
import { emptyUsage, type Usage } from "./usage.js";
import { createWorkerExecutor } from "./worker-executor.js";

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
  const emit = (event: RunEvent) => channel.emit(event);
  using failure = new RunFailure(options.signal);
  const run: RunContext = {
    runId: randomUUID(),
    started: Date.now(),
    cwd: options.cwd ?? process.cwd(),
    entryName: options.entry ?? "main",
    emit,
    failure,
    created: [],
    usage: emptyUsage(),
  };
  const instrumentation = observeRun(options, run, channel);
  const ended = (end: RunEndFields): RunEventOf<"run-end"> => ({
    type: "run-end",
    runId: run.runId,
    ...end,
    usage: run.usage,
    durationMs: Date.now() - run.started,
  });
  emit({
    type: "run-start",
    runId: run.runId,
    entry: run.entryName,
    input: options.input,
    time: new Date(run.started).toISOString(),
  });
  try {
    instrumentation.check();
    const { output, messages } = await runEntry(options, run, instrumentation);
    if (failure.error !== undefined) throw failure.error;
    instrumentation.complete();
    const end = ended({ outcome: "ok", output });
    // The recording and the trace are written before the run ends; failing to write fails it.
    await instrumentation.close(end);
    emit(end);
    return { runId: run.runId, output, usage: run.usage, messages };
  } catch (caught) {
    const error = failure.error ?? caught;
    const outcome = isLlmDoError(error, "ABORTED") ? "aborted" : "error";
    const end = ended({ outcome, error: serializeError(error) });
    await instrumentation.close(end).catch(() => {});
    emit(end);
    throw error;
  } finally {
    await Promise.allSettled(run.created.map((toolset) => toolset.close?.()));
    channel.close();
  }
}

/** What a `run-end` says besides the run, its usage and its duration. */
type RunEndFields =
  | { outcome: "ok"; output: unknown }
  | { outcome: "error" | "aborted"; error: SerializedError };

/**
 * Loads the files, checks everything the entry can reach, and invokes the entry from the run's
 * root frame. Returns its output and, for a worker entry, its conversation.
 */
async function runEntry(
  options: RunOptions,
  run: RunContext,
  instrumentation: RunInstrumentation,
): Promise<{ output: unknown; messages: ModelMessage[] }> {
  const limits = resolveRunLimits(options);
  const project = options.project ?? (await loadProject(projectOptions(options, run)));
  const resolver = new RunResolver(resolverOptions(options, run, project));
  const root: Frame = {
    callId: run.runId,
    name: "(run)",
    kind: "run",
    path: [],
    depth: 0,
    usage: run.usage,
    signal: run.failure.signal,
  };
  const entry = resolver.entry(run.entryName);
  await resolver.preflight(entry, root);
  let messages: ModelMessage[] = [];
  const runner = new CallRunner({
    ...runnerServices(options, run, { resolver, registry: project.registry, limits }),
    executeWorker: createWorkerExecutor({
      resolver,
      instrumentation,
      durable: options.durable,
      limits,
      emit: run.emit,
      cwd: run.cwd,
      retry: options.retry,
      fatalError: () => run.failure.error,
      onEntryMessages: (entryMessages) => {
        messages = entryMessages;
      },
    }),
  });
  const output = await runner.invoke(root, entry, options.input, {
    trusted: true,
    history: options.history ? [...options.history] : undefined,
  });
  return { output, messages };
}
