/**
 * @module `runEval`: every case against the target (and the baseline), a few at a time, into
 * one report. Checks what can be checked before anything runs: the targets exist, and every
 * judge is a worker with a `{ pass, reason }` result.
 */
import { ConfigError } from "../errors.js";
import type { Project } from "../registry/load-project.js";
import type { EvalCase } from "./eval-case.js";
import type { CaseResult, EvalReport, TargetInfo } from "./eval-report.js";
import { mapConcurrent } from "./map-concurrent.js";
import { modelSourceOf } from "./model-source.js";
import { type CasePlan, runCase, type TargetSpec } from "./run-case.js";
import type { RunSettings } from "./run-target.js";
import { totalsOf } from "./summarize-side.js";

/** Options of {@link runEval}. */
export interface EvalOptions {
  cases: readonly EvalCase[];
  /** The target: a worker or a tool of a loaded project. */
  target: TargetSpec;
  /** A second implementation to compare with (`--baseline`). */
  baseline?: TargetSpec;
  /** `--model`: a model for the targets, or `replay:FILE` for every run. */
  model?: string;
  /** Runs per case and target (default 1). */
  repeat?: number;
  /** The pass rate a case needs, 0 to 1 (default 1: every run). */
  threshold?: number;
  /** Cases run at once (default 1). */
  concurrency?: number;
  /** Approvals, budgets, the working directory, and the rest every run shares. */
  settings: RunSettings;
  /** Called as each case finishes (in the order they finish). */
  onCaseEnd?: (result: CaseResult) => void;
}

/**
 * Runs the eval. Contract: throws NotFoundError for a target that does not exist and
 * ConfigError for a judge that is not a worker with `schema_out`, before any run; after that,
 * failures are results, and only an abort rejects.
 */
export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const target = describeTarget(options.target, "Target");
  const baseline = options.baseline ? describeTarget(options.baseline, "Baseline") : undefined;
  checkJudges(options.cases, options.target.project);
  const plan: CasePlan = {
    target: options.target,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    judges: options.target.project,
    models: await modelSourceOf(options.model, options.settings.cwd),
    settings: options.settings,
    repeat: options.repeat ?? 1,
    threshold: options.threshold ?? 1,
    judgeTotals: totalsOf([]),
  };
  const cases = await mapConcurrent(options.cases, options.concurrency ?? 1, async (evalCase) => {
    const result = await runCase(evalCase, plan);
    options.onCaseEnd?.(result);
    return result;
  });
  return {
    target,
    ...(baseline ? { baseline } : {}),
    repeat: plan.repeat,
    threshold: plan.threshold,
    cases,
    judges: plan.judgeTotals,
    pass: cases.every((result) => result.target.pass),
  };
}

function describeTarget(spec: TargetSpec, what: string): TargetInfo {
  const { registry } = spec.project;
  if (registry.workers.has(spec.name)) return { name: spec.name, kind: "worker" };
  if (registry.findCodeTool(spec.name)) return { name: spec.name, kind: "tool" };
  return registry.notFound(what, spec.name);
}

function checkJudges(cases: readonly EvalCase[], project: Project): void {
  const workers = project.registry.workers;
  for (const evalCase of cases) {
    for (const check of evalCase.checks) {
      if (check.type !== "judge") continue;
      const judge = workers.get(check.worker);
      if (!judge) {
        const names = [...workers.keys()].sort().join(", ") || "none";
        throw new ConfigError(
          `${evalCase.where}: judge '${check.worker}' is not a worker of this eval (workers: ${names}); add its .worker file`,
        );
      }
      if (!judge.schemaOut) {
        throw new ConfigError(
          `${evalCase.where}: judge '${check.worker}' (${judge.file}) has no schema_out: a judge returns { pass: boolean, reason: string }`,
        );
      }
    }
  }
}
