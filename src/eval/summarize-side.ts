/**
 * @module From runs to a verdict: the pass rate against the threshold, the totals, and whether
 * two targets behaved differently on a case.
 */
import { addCost, emptyCostTotal } from "../models/estimate-cost.js";
import { addUsage, emptyUsage } from "../runtime/usage.js";
import { stableStringify } from "../util/stable-stringify.js";
import type { EvalRun, SideResult, Totals } from "./eval-report.js";

/**
 * Summarises the runs of a case against one target. A case passes when at least
 * `threshold` (0 to 1) of its runs passed: with 3 runs and 0.6, two passes are enough.
 */
export function summarizeSide(runs: EvalRun[], threshold: number): SideResult {
  const passes = runs.filter((run) => run.pass).length;
  const passRate = runs.length === 0 ? 0 : passes / runs.length;
  // Compared in whole runs, so that 0.6 of 5 is 3 whatever the floating point says.
  const needed = Math.ceil(threshold * runs.length - 1e-9);
  return { runs, passes, passRate, pass: runs.length > 0 && passes >= needed, totals: totalsOf(runs) };
}

/** Time, usage and cost of runs, added up. */
export function totalsOf(runs: readonly Pick<EvalRun, "durationMs" | "usage" | "cost">[]): Totals {
  const totals: Totals = { durationMs: 0, usage: emptyUsage(), cost: emptyCostTotal() };
  for (const run of runs) addTotals(totals, run);
  return totals;
}

/** Adds a run's time, usage and cost into `totals`. */
export function addTotals(totals: Totals, run: Pick<EvalRun, "durationMs" | "usage" | "cost">): void {
  totals.durationMs += run.durationMs;
  addUsage(totals.usage, run.usage);
  addCost(totals.cost, { usd: run.cost.usd });
  for (const model of run.cost.unpricedModels) addCost(totals.cost, { unpriced: true, model });
}

/** True when two targets behaved differently on a case: in their first runs, or in the verdict. */
export function sidesDiffer(target: SideResult, baseline: SideResult): boolean {
  if (target.pass !== baseline.pass) return true;
  const [left, right] = [target.runs[0]?.outcome, baseline.runs[0]?.outcome];
  if (!left || !right || left.type !== right.type) return true;
  if (left.type === "ok" && right.type === "ok")
    return stableStringify(left.output) !== stableStringify(right.output);
  return left.type === "error" && right.type === "error" && left.error.message !== right.error.message;
}
