/**
 * @module The line between two chat turns.
 */
import { Box, Text } from "ink";

/** The width of the separator line. */
export const SEPARATOR_WIDTH = 48;

/** A dim horizontal line. */
export function SeparatorView() {
  return (
    <Box marginTop={1}>
      <Text dimColor>{"─".repeat(SEPARATOR_WIDTH)}</Text>
    </Box>
  );
}
