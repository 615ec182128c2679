/**
 * @module The end of a nested worker call: outcome, usage and time.
 */
import { Box, Text } from "ink";
import { formatDuration, formatUsage } from "../cli/format-usage.js";
import type { WorkerEndEntry } from "./transcript-entry.js";

/** `✓ main > analyzer · 1 request, 10 input + 5 output tokens · 1.2s`, or the failure. */
export function WorkerEndView({ entry }: { entry: WorkerEndEntry }) {
  const label = entry.path.join(" > ");
  const stats = `${formatUsage(entry.usage)} · ${formatDuration(entry.durationMs)}`;
  if (entry.outcome === "ok") {
    return (
      <Box marginLeft={entry.indent * 2} flexDirection="column">
        <Text color="green">{`✓ ${label} · ${stats}`}</Text>
        {entry.outputPreview ? <Text dimColor>{`  ⎿ ${entry.outputPreview}`}</Text> : null}
      </Box>
    );
  }
  const what = entry.outcome === "aborted" ? "aborted" : `${entry.outcome}: ${entry.error ?? ""}`;
  return (
    <Box marginLeft={entry.indent * 2}>
      <Text color={entry.outcome === "aborted" ? "yellow" : "red"}>{`✗ ${label} ${what} · ${stats}`}</Text>
    </Box>
  );
}
