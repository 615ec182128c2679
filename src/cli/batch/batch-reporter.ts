/**
 * @module What `llm-do batch` shows while it runs and when it ends: a progress line on stderr
 * (redrawn in place on a terminal, one line per finished item otherwise), or NDJSON records
 * with `--json`; the summary on stdout.
 */
import type { BatchEvent } from "../../batch/batch-event.js";
import { BatchProgress } from "../../batch/batch-progress.js";
import type { BatchSummary } from "../../batch/run-batch.js";
import type { RunEvent } from "../../events/run-event.js";
import type { CliIo } from "../cli-io.js";
import { formatCost, formatDuration, formatUsage } from "../format-usage.js";
import { writeJsonLine } from "../to-json-line.js";

/** Shows a batch. */
export interface BatchReporter {
  onBatchEvent(event: BatchEvent): void;
  onRunEvent(key: string, event: RunEvent): void;
  /** A warning (the durable engine's, a provider's). */
  warn(message: string): void;
  /** Ends the progress display and writes the summary. */
  finish(summary: BatchSummary, results: string): void;
}

/** Options of {@link createBatchReporter}. */
export interface BatchReporterOptions {
  io: CliIo;
  json: boolean;
  /** True when stderr is a terminal: the progress line is redrawn in place. */
  terminal: boolean;
  now?: () => number;
}

const FAILURES_SHOWN = 10;

/** Creates the reporter for the output the options ask for. */
export function createBatchReporter(options: BatchReporterOptions): BatchReporter {
  const { io } = options;
  if (options.json) {
    return {
      onBatchEvent: (event) => writeJsonLine(io.stderr, event),
      onRunEvent: () => {},
      warn: (message) => writeJsonLine(io.stderr, { type: "warning", message }),
      finish: (summary, results) => io.stdout.write(summaryText(summary, results, [])),
    };
  }
  const progress = new BatchProgress(options.now);
  const failures: string[] = [];
  let drawn = false;
  let lastDraw = 0;
  const now = options.now ?? Date.now;
  const draw = (force: boolean) => {
    if (!options.terminal) return;
    const time = now();
    if (!force && time - lastDraw < 100) return;
    lastDraw = time;
    io.stderr.write(`\r\x1b[K${progress.line()}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) io.stderr.write("\r\x1b[K");
    drawn = false;
  };
  return {
    onBatchEvent(event) {
      progress.onBatchEvent(event);
      if (event.type === "item-end" && event.outcome === "error") {
        failures.push(`${event.key}: ${event.error.message}`);
      }
      if (event.type === "item-end" && !options.terminal) io.stderr.write(`${progress.line()}\n`);
      if (event.type !== "batch-end") draw(event.type !== "item-start");
    },
    onRunEvent(_key, event) {
      if (event.type !== "model-response") return;
      progress.onModelResponse(event);
      draw(false);
    },
    warn(message) {
      clear();
      io.stderr.write(`Warning: ${message}\n`);
    },
    finish(summary, results) {
      clear();
      io.stdout.write(summaryText(summary, results, failures));
    },
  };
}

/** The summary printed when a batch ends. */
export function summaryText(summary: BatchSummary, results: string, failures: readonly string[]): string {
  const { totals } = summary;
  const ok = totals.done - totals.failed;
  const earlier = totals.alreadyDone > 0 ? ` (${totals.alreadyDone} already in ${results})` : "";
  const notRun = totals.total - totals.done;
  const lines = [
    `${totals.total} item${totals.total === 1 ? "" : "s"}: ${ok} ok, ${totals.failed} failed${notRun > 0 ? `, ${notRun} not run` : ""}${earlier}`,
  ];
  for (const failure of failures.slice(0, FAILURES_SHOWN)) lines.push(`  failed ${failure}`);
  if (failures.length > FAILURES_SHOWN)
    lines.push(`  ... and ${failures.length - FAILURES_SHOWN} more failures`);
  const cost = formatCost(totals.cost);
  lines.push(
    `Usage: ${formatUsage(totals.usage)}${cost ? `, ${cost}` : ""} in ${formatDuration(summary.durationMs)}`,
  );
  lines.push(`Results: ${results}`);
  return `${lines.join("\n")}\n`;
}
