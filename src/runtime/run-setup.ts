/**
 * @module The pieces `run()` wires together, each built from the run's options: what observes
 * the run (instrumentation, durable hooks), how its files load, how names and models resolve,
 * and what the call runner is given.
 */
import path from "node:path";
import { ApprovalGate } from "../approvals/approval-gate.js";
import { normalizePolicy } from "../approvals/approval-policy.js";
import { ApprovalSession } from "../approvals/approval-session.js";
import type { EventChannel } from "../events/event-channel.js";
import type { RunEvent } from "../events/run-event.js";
import { instrumentRun, type RunInstrumentation } from "../instrument/instrument-run.js";
import type { LoadProjectOptions, Project } from "../registry/load-project.js";
import type { Registry } from "../registry/registry.js";
import { toolLoadTimeoutFrom } from "../registry/tool-load-timeout.js";
import type { Toolset } from "../tools/tool.js";
import type { CallRunnerServices } from "./call-runner.js";
import type { RunOptions } from "./run.js";
import type { RunFailure } from "./run-failure.js";
import type { RunLimits } from "./run-limits.js";
import type { RunResolver, RunResolverOptions } from "./run-resolver.js";
import type { Usage } from "./usage.js";

/** Where `create_worker` writes by default, relative to the working directory. */
export const DEFAULT_CREATED_WORKERS_DIR = ".llm-do/created-workers";

/** A run's own folder of created workers: `20260314-093012-ab12cd34` (UTC start time, run id). */
export function runFolderName(started: number, runId: string): string {
  const time = new Date(started).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `${time}-${runId.slice(0, 8)}`;
}

/** What every phase of one run shares. */
export interface RunContext {
  runId: string;
  /** When the run started (epoch milliseconds). */
  started: number;
  /** The working directory (absolute or as given). */
  cwd: string;
  /** The entry's name. */
  entryName: string;
  emit: (event: RunEvent) => void;
  /** The run's signal and the error that ended it. */
  failure: RunFailure;
  /** The toolsets built for workers, closed when the run ends. */
  created: Toolset[];
  /** Usage of the whole run. */
  usage: Usage;
}

/**
 * Starts what watches the run's events: recording, trace, budgets, telemetry, and the durable
 * hooks when the run is durable. Either can end the run through `run.failure`.
 */
export function observeRun(options: RunOptions, run: RunContext, channel: EventChannel): RunInstrumentation {
  const instrumentation = instrumentRun({
    cwd: run.cwd,
    record: options.record,
    trace: options.trace,
    budget: options.budget,
    replayDrift: options.replayDrift,
    telemetry: options.telemetry,
    emit: run.emit,
    fail: run.failure.fail,
  });
  channel.subscribe(instrumentation.onEvent);
  const { durable } = options;
  if (durable) {
    durable.start(run.failure.fail);
    channel.subscribe((event) => durable.onEvent(event));
  }
  return instrumentation;
}

/** What loading the run's files needs. */
export function projectOptions(options: RunOptions, run: RunContext): LoadProjectOptions {
  return {
    files: options.files ?? [],
    cwd: run.cwd,
    overrides: options.overrides,
    entry: run.entryName,
    toolLoadTimeoutMs: options.toolLoadTimeoutMs ?? toolLoadTimeoutFrom(options.env ?? process.env),
  };
}

/** What the resolver needs: the project, the folders, the models. */
export function resolverOptions(options: RunOptions, run: RunContext, project: Project): RunResolverOptions {
  const { cwd } = run;
  const env = options.env ?? process.env;
  return {
    project,
    cwd,
    projectDir: path.resolve(cwd, options.projectDir ?? "."),
    createdWorkersFolder: path.resolve(
      cwd,
      options.createdWorkersDir ?? DEFAULT_CREATED_WORKERS_DIR,
      runFolderName(run.started, run.runId),
    ),
    env,
    model: options.model,
    defaultModel: options.defaultModel,
    modelOptions: { env, cwd, models: options.models, fetch: options.fetch },
    created: run.created,
    warn: warnOnce(run.emit),
  };
}

/** Emits a `warning` event once per distinct message. */
export function warnOnce(emit: (event: RunEvent) => void): (message: string) => void {
  const warned = new Set<string>();
  return (message) => {
    if (warned.has(message)) return;
    warned.add(message);
    emit({ type: "warning", message });
  };
}

/** The call runner's services, all but how workers execute. Call ids are `<run id prefix>-<n>`. */
export function runnerServices(
  options: RunOptions,
  run: RunContext,
  parts: { resolver: RunResolver; registry: Registry; limits: RunLimits },
): Omit<CallRunnerServices, "executeWorker"> {
  const { resolver } = parts;
  const { emit, failure, runId } = run;
  const { durable } = options;
  let counter = 0;
  return {
    registry: parts.registry,
    gate: new ApprovalGate({
      policy: normalizePolicy(options.approval ?? "fail"),
      session: options.approvalSession ?? new ApprovalSession(),
      emit,
      ...(durable ? { decisions: durable.approvals } : {}),
    }),
    emit,
    cwd: run.cwd,
    maxDepth: parts.limits.maxDepth,
    nextId: () => `${runId.slice(0, 8)}-${++counter}`,
    globalBinding: (name) => resolver.binding(name),
    selectWorkerModel: (worker, caller, isEntry) => resolver.selectModel(worker, caller, isEntry),
    fail: failure.fail,
    toolStep: durable ? (frame, execute) => durable.runTool(frame, execute) : undefined,
    fatalError: () => failure.error,
    now: () => Date.now(),
  };
}
