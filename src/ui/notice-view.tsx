/**
 * @module A line of information in the transcript: a retry, an error, a model response.
 */
import { Box, Text } from "ink";
import type { NoticeEntry } from "./transcript-entry.js";

const colours = { info: "gray", warning: "yellow", error: "red" } as const;
const marks = { info: "·", warning: "!", error: "✗" } as const;

/** The notice in its tone's colour. */
export function NoticeView({ entry }: { entry: NoticeEntry }) {
  return (
    <Box>
      <Text color={colours[entry.tone]}>{`${marks[entry.tone]} ${entry.text}`}</Text>
    </Box>
  );
}
