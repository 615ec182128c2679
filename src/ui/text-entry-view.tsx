/**
 * @module Text streamed by a worker's model (reasoning in a dim colour).
 */
import { Box, Text } from "ink";
import { CallLabel } from "./call-label.js";
import type { TextEntry } from "./transcript-entry.js";

/** The text, labelled with its call path when it does not follow its worker's other output. */
export function TextEntryView({ entry }: { entry: TextEntry }) {
  // Leading blank lines and trailing space go; the first line's indentation stays (code).
  const text = entry.text.replace(/^\s*\n/, "").trimEnd();
  return (
    <Box marginTop={1} marginLeft={entry.indent * 2} flexDirection="column">
      {entry.labelled || entry.reasoning ? (
        <Text>
          {entry.labelled ? <CallLabel path={entry.path} /> : null}
          {entry.reasoning ? <Text dimColor>{entry.labelled ? " (thinking)" : "(thinking)"}</Text> : null}
        </Text>
      ) : null}
      {entry.reasoning ? (
        <Text dimColor italic>
          {text}
        </Text>
      ) : (
        <Text>{text}</Text>
      )}
    </Box>
  );
}
