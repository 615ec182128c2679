/**
 * @module The footer: the keys that work right now.
 */
import { Text } from "ink";

/** Which keys to list. */
export type KeyHintsMode = "chat-input" | "approval" | "watching";

/** One dim line of key bindings. */
export function KeyHints({ mode }: { mode: KeyHintsMode }) {
  const text =
    mode === "chat-input"
      ? "Enter send · Ctrl+J or Alt+Enter newline · ↑/↓ history · Ctrl+C quit"
      : mode === "approval"
        ? "Answer the approval above · Ctrl+C quit"
        : "q q or Ctrl+C quit";
  return <Text dimColor>{text}</Text>;
}
