/**
 * @module One run of an eval: a target (or a judge) as the entry of an ordinary `run()`, so
 * approvals, budgets and the filesystem and shell rules apply exactly as in `llm-do FILES`.
 * What it returned or why it failed, and its time, tokens and estimated cost.
 */
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ApprovalPolicy } from "../approvals/approval-policy.js";
import type { Budget } from "../budget/budget.js";
import { isLlmDoError } from "../errors.js";
import type { SerializedError } from "../events/run-event.js";
import { addCost, type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import type { ReplayDriftMode } from "../record/replay-session.js";
import type { Project } from "../registry/load-project.js";
import { serializeError } from "../runtime/call-runner.js";
import { run } from "../runtime/run.js";
import { emptyUsage, type Usage } from "../runtime/usage.js";

/** How a run ended. */
export type RunOutcome = { type: "ok"; output: unknown } | { type: "error"; error: SerializedError };

/** One finished run. */
export interface TargetRun {
  outcome: RunOutcome;
  durationMs: number;
  usage: Usage;
  cost: CostTotal;
}

/** What every run of an eval shares. */
export interface RunSettings {
  /** Approvals: `fail` (the default: a call that needs approval fails the case), or a policy. */
  approval: ApprovalPolicy;
  /** Limits for each run. */
  budget?: Budget;
  replayDrift?: ReplayDriftMode;
  /** Named models, for model strings (tests, custom setups). */
  models?: Readonly<Record<string, LanguageModelV4>>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/** Options of {@link runTarget}. */
export interface RunTargetOptions {
  project: Project;
  /** The worker or tool to run. */
  entry: string;
  input: unknown;
  /** `--model`, or a replay of the run's part of the replay file. */
  model?: string | LanguageModelV4;
  settings: RunSettings;
}

/**
 * Runs `entry` once. Contract: a failed run is an outcome, not a rejection; only an abort
 * (Ctrl+C) rejects, with the AbortError.
 */
export async function runTarget(options: RunTargetOptions): Promise<TargetRun> {
  const { settings } = options;
  const cost = emptyCostTotal();
  let usage = emptyUsage();
  let durationMs = 0;
  const handle = run({
    project: options.project,
    entry: options.entry,
    input: options.input,
    ...(options.model !== undefined ? { model: options.model } : {}),
    ...(settings.models ? { models: settings.models } : {}),
    approval: settings.approval,
    ...(settings.budget ? { budget: settings.budget } : {}),
    ...(settings.replayDrift ? { replayDrift: settings.replayDrift } : {}),
    cwd: settings.cwd,
    env: settings.env,
    ...(settings.signal ? { signal: settings.signal } : {}),
    onEvent: (event) => {
      if (event.type === "model-response") addCost(cost, event.cost);
      if (event.type === "run-end") {
        usage = event.usage;
        durationMs = event.durationMs;
      }
    },
  });
  try {
    const result = await handle.result;
    return { outcome: { type: "ok", output: result.output }, durationMs, usage, cost };
  } catch (error) {
    if (isLlmDoError(error, "ABORTED")) throw error;
    return { outcome: { type: "error", error: serializeError(error) }, durationMs, usage, cost };
  }
}
