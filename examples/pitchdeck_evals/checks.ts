/**
 * A check for cases.yaml: the run wrote the deck's report, with a verdict. It removes the
 * report after reading it, so each run (the target's, then the baseline's) must write its own.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";

const REPORT = "evaluations/canopy-cold-chain.md";

export async function wroteTheReport(_output: unknown, context: { cwd: string }) {
  const file = path.join(context.cwd, REPORT);
  let report: string;
  try {
    report = await readFile(file, "utf8");
  } catch {
    return { pass: false, reason: `${REPORT} was not written` };
  }
  await rm(file);
  const verdict = /\*\*Verdict: (GO|WATCH|PASS)\*\*/.exec(report)?.[1];
  if (!report.startsWith("# Canopy Cold Chain\n")) return { pass: false, reason: `${REPORT} has no title` };
  if (!verdict) return { pass: false, reason: `${REPORT} has no verdict` };
  return { pass: true, reason: `${REPORT}: ${verdict}` };
}
