/**
 * @module The header of a worker call: its call path, model and (nested) input.
 */
import { Box, Text } from "ink";
import type { WorkerStartEntry } from "./transcript-entry.js";

/** `● main > analyzer  anthropic:claude-…` and the input of a nested call. */
export function WorkerStartView({ entry }: { entry: WorkerStartEntry }) {
  return (
    <Box marginTop={1} marginLeft={entry.indent * 2} flexDirection="column">
      <Text>
        <Text color="cyan" bold>
          {`● ${entry.path.join(" > ")}`}
        </Text>
        {entry.model ? <Text dimColor>{`  ${entry.model}`}</Text> : null}
      </Text>
      {entry.inputPreview ? <Text dimColor>{`  ${entry.inputPreview}`}</Text> : null}
    </Box>
  );
}
