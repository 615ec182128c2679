import { type RunEvent, type RunOptions, type RunResult, run } from "../../src/index.js";

/** Runs to completion and returns the events and the result or the error. */
export async function collectRun(
  options: RunOptions,
): Promise<{ events: RunEvent[]; result?: RunResult; error?: Error & { code?: string } }> {
  const handle = run(options);
  const events: RunEvent[] = [];
  for await (const event of handle.events) events.push(event);
  try {
    return { events, result: await handle.result };
  } catch (error) {
    return { events, error: error as Error & { code?: string } };
  }
}

/** Every call-start has exactly one call-end with the same id, and run-start one run-end. */
export function assertBalanced(events: readonly RunEvent[]): void {
  const open = new Map<string, number>();
  for (const event of events) {
    if (event.type === "call-start") {
      if (open.has(event.callId)) throw new Error(`call-start twice for ${event.callId}`);
      open.set(event.callId, 1);
    }
    if (event.type === "call-end") {
      if (!open.has(event.callId)) throw new Error(`call-end without call-start for ${event.callId}`);
      open.delete(event.callId);
    }
  }
  if (open.size > 0) throw new Error(`calls never ended: ${[...open.keys()].join(", ")}`);
  const starts = events.filter((event) => event.type === "run-start").length;
  const ends = events.filter((event) => event.type === "run-end").length;
  if (starts !== 1 || ends !== 1)
    throw new Error(`expected one run-start and one run-end, got ${starts} and ${ends}`);
}

/** A compact, stable view of an event sequence for snapshots. */
export function outline(events: readonly RunEvent[]): string[] {
  const lines: string[] = [];
  for (const event of events) {
    switch (event.type) {
      case "run-start":
        lines.push(`run-start ${event.entry}`);
        break;
      case "run-end":
        lines.push(`run-end ${event.outcome}${event.error ? `: ${event.error.message}` : ""}`);
        break;
      case "call-start":
        lines.push(
          `call-start ${event.path.join(" > ")} (${event.kind}, depth ${event.depth}${event.model ? `, ${event.model}` : ""}) ${JSON.stringify(event.input)}`,
        );
        break;
      case "call-end":
        lines.push(
          `call-end ${event.path.join(" > ")} ${event.outcome} ${JSON.stringify(event.outcome === "ok" ? event.output : event.error?.message)}`,
        );
        break;
      case "text-end":
        lines.push(`text ${event.path.join(" > ")}: ${event.text}`);
        break;
      case "model-response":
        lines.push(
          `model-response ${event.path.join(" > ")} step ${event.step} (${event.usage.inputTokens}+${event.usage.outputTokens})`,
        );
        break;
      case "approval-request":
        lines.push(`approval-request ${event.request.callPath.join(" > ")}: ${event.request.description}`);
        break;
      case "approval-response":
        lines.push(`approval-response ${event.toolName}: ${event.decision.type} by ${event.decidedBy}`);
        break;
      case "error":
        lines.push(`error ${event.error.message}`);
        break;
    }
  }
  return lines;
}
