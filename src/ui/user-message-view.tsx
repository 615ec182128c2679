/**
 * @module A message the user sent.
 */
import { Box, Text } from "ink";
import type { UserEntry } from "./transcript-entry.js";

/** The user's message, after a `❯` marker. */
export function UserMessageView({ entry }: { entry: UserEntry }) {
  return (
    <Box marginTop={1}>
      <Text color="blueBright" bold>
        {"❯ "}
      </Text>
      <Text bold>{entry.text}</Text>
    </Box>
  );
}
