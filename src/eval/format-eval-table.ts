/**
 * @module The eval report as text: one row per case (result, time, tokens, cost, why), a
 * second set of columns for the baseline, and a summary. Time, tokens and cost are per run
 * (the mean when cases repeat).
 */
import { formatCost, formatDuration } from "../cli/format-usage.js";
import type { CostTotal } from "../models/estimate-cost.js";
import { shortValue } from "./checks/describe-value.js";
import type { CaseResult, EvalReport, SideResult, TargetInfo, Totals } from "./eval-report.js";
import { addTotals, totalsOf } from "./summarize-side.js";

/** The report as a table and a summary, ending with a newline. */
export function formatEvalTable(report: EvalReport): string {
  const withBaseline = report.baseline !== undefined;
  const header = [
    "case",
    label(report.target, withBaseline ? "" : "result"),
    "time",
    "tokens",
    "cost",
    // Non-null: `withBaseline` is true only when the report has a baseline.
    ...(withBaseline ? [label(report.baseline!, "baseline"), "time", "tokens", "cost", "outputs"] : []),
    "why",
  ];
  const rows = report.cases.map((result) => [
    result.name,
    ...sideCells(result.target, report.repeat),
    ...(result.baseline
      ? [...sideCells(result.baseline, report.repeat), result.differs ? "differ" : "same"]
      : []),
    whyOf(result),
  ]);
  const right = header.map((name) => name === "time" || name === "tokens");
  return `${renderColumns([header, ...rows], right)}\n${summary(report)}`;
}

function label(target: TargetInfo, role: string): string {
  if (role === "result") return "result";
  return `${role ? `${role}: ` : ""}${target.name} (${target.kind})`;
}

function sideCells(side: SideResult, repeat: number): string[] {
  const verdict = side.pass ? "pass" : "FAIL";
  const mean = meanOf(side.totals, side.runs.length);
  return [
    repeat > 1 ? `${verdict} ${side.passes}/${side.runs.length}` : verdict,
    formatDuration(mean.durationMs),
    formatTokens(mean.tokens),
    costCell(mean.cost),
  ];
}

function whyOf(result: CaseResult): string {
  const reasons = [
    ...(result.target.pass ? [] : [firstReason(result.target)]),
    ...(result.baseline && !result.baseline.pass ? [`baseline: ${firstReason(result.baseline)}`] : []),
  ];
  return reasons.join("; ");
}

function firstReason(side: SideResult): string {
  return side.runs.find((run) => !run.pass)?.reason ?? "";
}

function firstOutcome(side: SideResult): string {
  const outcome = side.runs[0]?.outcome;
  if (!outcome) return "nothing";
  return outcome.type === "ok" ? shortValue(outcome.output) : `error: ${shortValue(outcome.error.message)}`;
}

function meanOf(totals: Totals, runs: number) {
  const count = Math.max(1, runs);
  return {
    durationMs: totals.durationMs / count,
    tokens: totals.usage.totalTokens / count,
    cost: { usd: totals.cost.usd / count, unpricedModels: totals.cost.unpricedModels },
  };
}

/** `~$0.0042`, `?` (a model without a price), `~$0.01+?`, or `-` (nothing to pay). */
function costCell(cost: CostTotal): string {
  const unknown = cost.unpricedModels.length > 0;
  if (cost.usd === 0) return unknown ? "?" : "-";
  const priced = formatCost({ usd: cost.usd, unpricedModels: [] }) ?? "-";
  return unknown ? `${priced}+?` : priced;
}

function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString("en-US");
}

function summary(report: EvalReport): string {
  const lines = [
    `${countCases(report.cases.length)} against ${sideSummary(
      report.target,
      report.cases.map((result) => result.target),
    )}`,
  ];
  if (report.baseline) {
    const baselines = report.cases.flatMap((result) => (result.baseline ? [result.baseline] : []));
    lines.push(`baseline ${sideSummary(report.baseline, baselines)}`);
    const differing = report.cases.filter((result) => result.differs);
    lines.push(
      differing.length === 0
        ? "the two agree on every case"
        : `they differ on ${differing.length} of ${countCases(report.cases.length)}:`,
      ...differing.map(
        (result) =>
          // Non-null: inside `if (report.baseline)`, and a case differs only when it has a baseline result.
          `  ${result.name}: ${firstOutcome(result.target)} (${report.target.kind}) vs ${firstOutcome(result.baseline!)} (${report.baseline!.kind})`,
      ),
    );
  }
  if (report.repeat > 1) {
    lines.push(
      `each case ran ${report.repeat} times and needs ${Math.round(report.threshold * 100)}% of its runs to pass; time, tokens and cost are per run`,
    );
  }
  if (report.judges.usage.requests > 0) lines.push(`judges: ${totalsText(report.judges)}`);
  return `${lines.join("\n")}\n`;
}

function sideSummary(target: TargetInfo, sides: readonly SideResult[]): string {
  const passed = sides.filter((side) => side.pass).length;
  const failed = sides.length - passed;
  const totals = totalsOf([]);
  for (const side of sides) addTotals(totals, side.totals);
  return `${target.name} (${target.kind}): ${passed} passed${failed > 0 ? `, ${failed} failed` : ""} · ${totalsText(totals)}`;
}

function totalsText(totals: Totals): string {
  const cost = formatCost(totals.cost);
  return [
    formatDuration(totals.durationMs),
    `${formatTokens(totals.usage.totalTokens)} tokens`,
    ...(cost ? [cost] : []),
  ].join(" · ");
}

function countCases(count: number): string {
  return `${count} case${count === 1 ? "" : "s"}`;
}

function renderColumns(rows: readonly string[][], alignRight: readonly boolean[]): string {
  // Non-null: the header row is always there, and every row has a cell per column.
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const last = column === row.length - 1;
          if (last) return cell;
          // Non-null: `widths` has an entry per column.
          return alignRight[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!);
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
    .concat("\n");
}
