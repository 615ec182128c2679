/**
 * @module The chat input box: several lines, with the cursor shown as an inverted character.
 */
import { Box, Text } from "ink";
import type { InputBuffer } from "./input-buffer.js";

/** Props of {@link InputBox}. */
export interface InputBoxProps {
  buffer: InputBuffer;
  /** False while the input takes no keys (an approval is shown): drawn dim, without a cursor. */
  active: boolean;
  /** Shown, dim, when the box is empty. */
  placeholder: string;
}

/** A bordered box with a `❯` prompt. */
export function InputBox({ buffer, active, placeholder }: InputBoxProps) {
  return (
    <Box borderStyle="round" borderColor={active ? "blueBright" : "gray"} paddingX={1}>
      <Text color={active ? "blueBright" : "gray"} bold>
        {"❯ "}
      </Text>
      <Box flexDirection="column" flexGrow={1}>
        {buffer.text === "" ? (
          <Text dimColor>
            {active ? <Text inverse>{placeholder.slice(0, 1)}</Text> : placeholder.slice(0, 1)}
            {placeholder.slice(1)}
          </Text>
        ) : (
          lines(buffer).map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of the text, keyed by position
            <Text key={index} dimColor={!active}>
              {line.before}
              {active && line.cursor !== undefined ? <Text inverse>{line.cursor}</Text> : (line.cursor ?? "")}
              {line.after}
            </Text>
          ))
        )}
      </Box>
    </Box>
  );
}

interface Line {
  before: string;
  /** The character under the cursor (a space at the end of a line), on the cursor's line. */
  cursor?: string;
  after: string;
}

function lines(buffer: InputBuffer): Line[] {
  let offset = 0;
  return buffer.text.split("\n").map((text) => {
    const start = offset;
    offset += text.length + 1;
    const at = buffer.cursor - start;
    if (at < 0 || at > text.length) return { before: text, after: "" };
    const width = (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    return {
      before: text.slice(0, at),
      cursor: at === text.length ? " " : text.slice(at, at + width),
      after: text.slice(at + width),
    };
  });
}
