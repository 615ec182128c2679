/**
 * @module What an eval found: per case and per target, every run with its checks, the pass
 * rate, and time, tokens and cost. `--json` prints it as it is.
 */
import type { CostTotal } from "../models/estimate-cost.js";
import type { Usage } from "../runtime/usage.js";
import type { CheckOutcome } from "./checks/check-outcome.js";
import type { TargetRun } from "./run-target.js";

/** One run of a case against one target, and its checks. */
export interface EvalRun extends TargetRun {
  /** The checks, in order (none when the run failed). */
  checks: CheckOutcome[];
  /** The run succeeded and every check passed. */
  pass: boolean;
  /** Why it failed (the error, or the first failing check), or `""`. */
  reason: string;
}

/** Time, tokens and cost added up. */
export interface Totals {
  durationMs: number;
  usage: Usage;
  cost: CostTotal;
}

/** A case against one target: its runs (`--repeat`) and whether enough of them passed. */
export interface SideResult {
  runs: EvalRun[];
  /** Runs that passed. */
  passes: number;
  /** `passes / runs`. */
  passRate: number;
  /** The pass rate reached the threshold. */
  pass: boolean;
  /** Of all runs. */
  totals: Totals;
}

/** One case. */
export interface CaseResult {
  name: string;
  input: unknown;
  /** Against the target. */
  target: SideResult;
  /** Against the baseline (`--baseline`). */
  baseline?: SideResult;
  /**
   * With a baseline: the first runs ended differently (one failed, or their outputs are not
   * equal) or only one side passed.
   */
  differs?: boolean;
}

/** A target of an eval. */
export interface TargetInfo {
  name: string;
  kind: "worker" | "tool";
}

/** A whole eval. */
export interface EvalReport {
  target: TargetInfo;
  baseline?: TargetInfo;
  /** Runs per case and target. */
  repeat: number;
  /** The pass rate a case needs. */
  threshold: number;
  cases: CaseResult[];
  /** What the judges used, over every case. */
  judges: Totals;
  /** True when every case passed against the target. */
  pass: boolean;
}
