/**
 * @module How a turn ended: outcome, total usage, cost and elapsed time.
 */
import { Box, Text } from "ink";
import { formatDuration, formatUsage } from "../cli/format-usage.js";
import type { SummaryEntry } from "./transcript-entry.js";

/** `✓ Done in 3.4s · 2 requests, 120 input + 40 output tokens · ~$0.0012`, or the failure. */
export function SummaryView({ entry }: { entry: SummaryEntry }) {
  const stats = [formatUsage(entry.usage), ...(entry.cost ? [entry.cost] : [])].join(" · ");
  const time = formatDuration(entry.durationMs);
  if (entry.outcome === "ok") {
    return (
      <Box marginTop={1}>
        <Text color="green">{`✓ Done in ${time} · ${stats}`}</Text>
      </Box>
    );
  }
  if (entry.outcome === "aborted") {
    return (
      <Box marginTop={1}>
        <Text color="yellow">{`✗ Aborted after ${time} · ${stats}`}</Text>
      </Box>
    );
  }
  return (
    <Box marginTop={1} flexDirection="column">
      <Text color="red" bold>{`✗ Failed after ${time} · ${stats}`}</Text>
      {entry.error ? <Text color="red">{`  ${entry.error}`}</Text> : null}
    </Box>
  );
}
