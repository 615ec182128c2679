/**
 * @module The approval panel: which call wants to run, and the keys to answer.
 */
import { Box, Text } from "ink";
import type { ApprovalRequest } from "../approvals/approval-types.js";
import { ARGUMENT_LIMITS, previewValue } from "./preview-value.js";

/** Props of {@link ApprovalPanel}. */
export interface ApprovalPanelProps {
  /** The request shown. */
  request: ApprovalRequest;
  /** Its number in the batch (1-based). */
  index: number;
  /** The requests in the batch. */
  total: number;
  /** The note being typed for "deny with a note", if the user is typing one. */
  note?: string;
}

/** A red panel: `Approval i of n`, the call path, tool, description, arguments and keys. */
export function ApprovalPanel({ request, index, total, note }: ApprovalPanelProps) {
  return (
    <Box borderStyle="round" borderColor="red" paddingX={1} flexDirection="column" marginTop={1}>
      <Text color="red" bold>{`Approval ${index} of ${total}`}</Text>
      <Text>
        <Text dimColor>Call: </Text>
        <Text color="cyan">{request.callPath.join(" > ")}</Text>
      </Text>
      <Text>
        <Text dimColor>Tool: </Text>
        <Text bold>{request.toolName}</Text>
      </Text>
      <Text>{request.description}</Text>
      {request.reason ? <Text dimColor>{`Reason: ${request.reason}`}</Text> : null}
      <Box marginTop={1} flexDirection="column">
        <Text dimColor>Arguments:</Text>
        {previewValue(request.input, ARGUMENT_LIMITS).map((line, lineIndex) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed value, never reordered
          <Text key={lineIndex}>{`  ${line}`}</Text>
        ))}
      </Box>
      <Box marginTop={1}>{note === undefined ? <AnswerKeys /> : <NoteInput note={note} />}</Box>
    </Box>
  );
}

function AnswerKeys() {
  return (
    <Text>
      <Key name="a" /> approve once{"   "}
      <Key name="s" /> approve for session{"   "}
      <Key name="d" /> deny{"   "}
      <Key name="n" /> deny with a note{"   "}
      <Key name="q" /> quit
    </Text>
  );
}

function NoteInput({ note }: { note: string }) {
  return (
    <Box flexDirection="column">
      <Text>
        <Text dimColor>Note for the model: </Text>
        {note}
        <Text inverse> </Text>
      </Text>
      <Text dimColor>Enter deny with this note · Esc back</Text>
    </Box>
  );
}

function Key({ name }: { name: string }) {
  return (
    <Text color="yellow" bold>
      {`[${name}]`}
    </Text>
  );
}
