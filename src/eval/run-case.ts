/**
 * @module One case against the target (and the baseline): each target runs `repeat` times,
 * each successful run's output goes through the case's checks, and the runs are summarised.
 * The target's runs come first, then the baseline's, so cases that write files do not race
 * with themselves.
 */
import type { Project } from "../registry/load-project.js";
import { CasePrefixes } from "./case-replay.js";
import type { CheckOutcome, JudgeRunner } from "./checks/check-outcome.js";
import { runCheck } from "./checks/run-check.js";
import type { EvalCase } from "./eval-case.js";
import type { CaseResult, EvalRun, SideResult, Totals } from "./eval-report.js";
import { judgeModel, type ModelSource, targetModel } from "./model-source.js";
import { type RunSettings, runTarget, type TargetRun } from "./run-target.js";
import { addTotals, sidesDiffer, summarizeSide } from "./summarize-side.js";

/** A target: a name in a loaded project. */
export interface TargetSpec {
  name: string;
  project: Project;
}

/** What every case of an eval shares. */
export interface CasePlan {
  target: TargetSpec;
  baseline?: TargetSpec;
  /** Where judges are looked up (the eval's files). */
  judges: Project;
  models: ModelSource;
  settings: RunSettings;
  repeat: number;
  threshold: number;
  /** Judges' usage is added here. */
  judgeTotals: Totals;
}

/** Runs one case. Contract: rejects only when the eval is aborted. */
export async function runCase(evalCase: EvalCase, plan: CasePlan): Promise<CaseResult> {
  const prefixes = new CasePrefixes(evalCase.name);
  const target = await runSide(evalCase, plan.target, prefixes, plan);
  if (!plan.baseline) return { name: evalCase.name, input: evalCase.input, target };
  const baseline = await runSide(evalCase, plan.baseline, prefixes, plan);
  return {
    name: evalCase.name,
    input: evalCase.input,
    target,
    baseline,
    differs: sidesDiffer(target, baseline),
  };
}

async function runSide(
  evalCase: EvalCase,
  spec: TargetSpec,
  prefixes: CasePrefixes,
  plan: CasePlan,
): Promise<SideResult> {
  const prefix = prefixes.next(spec.name);
  const judgePrefixes = evalCase.checks.map((check) =>
    check.type === "judge" ? prefixes.next(check.worker) : "",
  );
  const runs: EvalRun[] = [];
  for (let repetition = 0; repetition < plan.repeat; repetition++) {
    const run = await runTarget({
      project: spec.project,
      entry: spec.name,
      input: evalCase.input,
      model: targetModel(plan.models, prefix, spec.name),
      settings: plan.settings,
    });
    const checks =
      run.outcome.type === "ok" ? await runChecks(evalCase, run.outcome.output, judgePrefixes, plan) : [];
    runs.push(evalRun(run, checks));
  }
  return summarizeSide(runs, plan.threshold);
}

async function runChecks(
  evalCase: EvalCase,
  output: unknown,
  judgePrefixes: readonly string[],
  plan: CasePlan,
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const [index, check] of evalCase.checks.entries()) {
    // Non-null: there is a prefix per check.
    const judge: JudgeRunner = (worker, prompt) => runJudge(worker, prompt, judgePrefixes[index]!, plan);
    outcomes.push(
      await runCheck(check, {
        output,
        input: evalCase.input,
        ...(evalCase.expected ? { expected: evalCase.expected } : {}),
        caseName: evalCase.name,
        cwd: plan.settings.cwd,
        judge,
      }),
    );
  }
  return outcomes;
}

async function runJudge(worker: string, prompt: string, prefix: string, plan: CasePlan): Promise<unknown> {
  // Non-null: run-eval checks that every judge is a worker of the eval before any case runs.
  const definition = plan.judges.registry.workers.get(worker)!;
  const run = await runTarget({
    project: plan.judges,
    entry: worker,
    input: { input: prompt },
    model: judgeModel(plan.models, prefix, definition),
    settings: plan.settings,
  });
  addTotals(plan.judgeTotals, run);
  if (run.outcome.type === "error") throw new Error(run.outcome.error.message);
  return run.outcome.output;
}

function evalRun(run: TargetRun, checks: CheckOutcome[]): EvalRun {
  if (run.outcome.type === "error") return { ...run, checks, pass: false, reason: run.outcome.error.message };
  const failed = checks.find((check) => !check.pass);
  return {
    ...run,
    checks,
    pass: failed === undefined,
    reason: failed ? `${failed.label}: ${failed.reason}` : "",
  };
}
