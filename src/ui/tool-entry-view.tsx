/**
 * @module A tool call: name, arguments, how its approval was decided, and its result.
 */
import { Box, Text } from "ink";
import { formatDuration } from "../cli/format-usage.js";
import { CallLabel } from "./call-label.js";
import { ARGUMENT_LIMITS, previewValue, RESULT_LIMITS } from "./preview-value.js";
import type { ToolEntry } from "./transcript-entry.js";

/** `⏺ write_file`, its arguments, then `⎿` and the result (errors in red). */
export function ToolEntryView({ entry }: { entry: ToolEntry }) {
  const hasInput =
    entry.input !== undefined &&
    !(typeof entry.input === "object" && entry.input !== null && Object.keys(entry.input).length === 0);
  return (
    <Box marginTop={1} marginLeft={entry.indent * 2} flexDirection="column">
      <Text>
        <Text color="yellow" bold>{`⏺ ${entry.name}`}</Text>
        {entry.server ? <Text dimColor> (server tool)</Text> : null}
        {entry.labelled ? <Text dimColor>{"  "}</Text> : null}
        {entry.labelled ? <CallLabel path={entry.path.slice(0, -1)} /> : null}
      </Text>
      {hasInput ? (
        <Box marginLeft={2} flexDirection="column">
          {previewValue(entry.input, ARGUMENT_LIMITS).map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed value, never reordered
            <Text key={index} dimColor>
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      {entry.approval ? <ApprovalLine text={entry.approval} /> : null}
      <ToolStatusView entry={entry} />
    </Box>
  );
}

function ApprovalLine({ text }: { text: string }) {
  const isApproved = text.startsWith("approved");
  return <Text color={isApproved ? "green" : "red"}>{`${isApproved ? "✓" : "✗"} ${text}`}</Text>;
}

function ToolStatusView({ entry }: { entry: ToolEntry }) {
  const time = entry.durationMs === undefined ? "" : ` · ${formatDuration(entry.durationMs)}`;
  switch (entry.status) {
    case "running":
      return <Text dimColor>⎿ running…</Text>;
    case "awaiting-approval":
      return <Text color="yellow">⎿ waiting for approval</Text>;
    case "aborted":
      return <Text color="yellow">{`⎿ aborted${time}`}</Text>;
    case "ok": {
      const lines = entry.output === undefined ? [] : previewValue(entry.output, RESULT_LIMITS);
      return (
        <Box flexDirection="column">
          <Text color="green">{`⎿ ok${time}`}</Text>
          {lines.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed value, never reordered
            <Text key={index}>{`  ${line}`}</Text>
          ))}
        </Box>
      );
    }
    default:
      return (
        <Box flexDirection="column">
          <Text color="red" bold>{`⎿ ${entry.status}${time}`}</Text>
          {entry.error ? <Text color="red">{`  ${entry.error}`}</Text> : null}
          {entry.status === "error" && entry.output !== undefined
            ? previewValue(entry.output, RESULT_LIMITS).map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed value, never reordered
                <Text key={index} color="red">{`  ${line}`}</Text>
              ))
            : null}
        </Box>
      );
  }
}
