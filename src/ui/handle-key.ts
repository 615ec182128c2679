/**
 * @module What a key press does: edit the chat input, browse its history, answer the approval
 * shown, or quit. Pure: it returns the next state and the effects for the App to carry out.
 *
 * Keys: Ctrl+C / Ctrl+Q quit at once. With an approval shown: `a` approve once, `s` approve
 * for the session, `d` deny, `n` deny with a note (Enter sends it, Esc goes back), `q` twice
 * quits. In the chat input: Enter sends, Ctrl+J or Alt+Enter inserts a newline, Up/Down browse
 * the history on the first/last line, Ctrl+U clears. Elsewhere `q` twice quits.
 */
import type { ApprovalDecision } from "../approvals/approval-types.js";
import { currentApproval, settleApproval } from "./approval-queue.js";
import {
  deleteBackward,
  emptyInputBuffer,
  type InputBuffer,
  inputBufferOf,
  insertText,
  isOnFirstLine,
  isOnLastLine,
  moveCursor,
} from "./input-buffer.js";
import { recallNewer, recallOlder, recordInput, stopBrowsing } from "./input-history.js";
import { isRunning, type UiState } from "./ui-state.js";

/** A key press, as Ink reports it (only the fields used). */
export interface KeyPress {
  /** The text typed (a pasted string arrives whole); the letter for Ctrl+letter. */
  input: string;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  home?: boolean;
  end?: boolean;
  backspace?: boolean;
  delete?: boolean;
  tab?: boolean;
}

/** Something the App does for a key press. */
export type UiEffect =
  /** Answer the approval request that was shown. */
  | { type: "answer-approval"; decision: ApprovalDecision }
  /** Start a chat turn with this message. */
  | { type: "submit"; text: string }
  /** End the session (aborting a turn in flight). */
  | { type: "quit" };

/** The next state and the effects of a key press. */
export interface KeyOutcome {
  state: UiState;
  effects: UiEffect[];
}

/** Shown after a first `q`. */
export const QUIT_HINT = "Press 'q' again to exit.";
/** Shown when a message is sent while a turn runs. */
export const WAIT_HINT = "Wait for the current response to finish.";
/** The note the model reads when the user denies without one. */
export const DEFAULT_DENY_NOTE = "Rejected via TUI";

/** True when the chat input takes keys (chat mode, no approval shown, not closing). */
export function isInputActive(state: UiState): boolean {
  return state.chat && !state.closing && state.approvals.pending.length === 0;
}

/** Handles one key press. */
export function handleKey(state: UiState, press: KeyPress): KeyOutcome {
  if (state.closing) return { state, effects: [] };
  if (press.ctrl && (press.input === "c" || press.input === "q")) {
    return { state: { ...state, hint: undefined }, effects: [{ type: "quit" }] };
  }
  const cleared: UiState = state.hint === undefined ? state : { ...state, hint: undefined };
  if (currentApproval(state.approvals)) return approvalKey(cleared, press);
  if (isInputActive(state)) return editKey(cleared, press);
  return press.input === "q" && !press.ctrl && !press.meta ? quitKey(cleared) : disarm(cleared);
}

function approvalKey(state: UiState, press: KeyPress): KeyOutcome {
  if (state.denyNote !== undefined) return noteKey(state, state.denyNote, press);
  if (press.ctrl || press.meta) return disarm(state);
  switch (press.input) {
    case "a":
      return answer(state, { type: "approved", remember: "once" });
    case "s":
      return answer(state, { type: "approved", remember: "session" });
    case "d":
      return answer(state, { type: "denied", note: DEFAULT_DENY_NOTE });
    case "n":
      return { state: { ...state, denyNote: "", quitArmed: false }, effects: [] };
    case "q":
      return quitKey(state);
    default:
      return disarm(state);
  }
}

function noteKey(state: UiState, note: string, press: KeyPress): KeyOutcome {
  if (press.return) return answer(state, { type: "denied", note: note.trim() || DEFAULT_DENY_NOTE });
  if (press.escape) return { state: { ...state, denyNote: undefined }, effects: [] };
  if (press.backspace || press.delete)
    return { state: { ...state, denyNote: note.slice(0, -1) }, effects: [] };
  if (press.ctrl || press.meta) return { state, effects: [] };
  const typed = printable(press.input).replace(/\n/g, " ");
  return { state: { ...state, denyNote: note + typed }, effects: [] };
}

function answer(state: UiState, decision: ApprovalDecision): KeyOutcome {
  // Non-null: this state is reached only while an approval is shown.
  const shown = currentApproval(state.approvals)!;
  const approvals = settleApproval(state.approvals, shown.item.callId);
  return {
    state: { ...state, approvals, denyNote: undefined, quitArmed: false },
    effects: [{ type: "answer-approval", decision }],
  };
}

function editKey(state: UiState, press: KeyPress): KeyOutcome {
  const { input } = state;
  if (press.return && !press.meta) return submit(state);
  if ((press.return && press.meta) || press.input === "\n") return edit(state, insertText(input, "\n"));
  if (press.upArrow) {
    if (!isOnFirstLine(input)) return keep(state, moveCursor(input, "up"));
    const move = recallOlder(state.history, input.text);
    return move ? keep({ ...state, history: move.history }, inputBufferOf(move.text)) : none(state);
  }
  if (press.downArrow) {
    if (!isOnLastLine(input)) return keep(state, moveCursor(input, "down"));
    const move = recallNewer(state.history);
    return move ? keep({ ...state, history: move.history }, inputBufferOf(move.text)) : none(state);
  }
  if (press.leftArrow) return keep(state, moveCursor(input, "left"));
  if (press.rightArrow) return keep(state, moveCursor(input, "right"));
  if (press.home || (press.ctrl && press.input === "a")) return keep(state, moveCursor(input, "line-start"));
  if (press.end || (press.ctrl && press.input === "e")) return keep(state, moveCursor(input, "line-end"));
  if (press.backspace || press.delete) return edit(state, deleteBackward(input));
  if (press.ctrl && press.input === "u") return edit(state, emptyInputBuffer);
  if (press.ctrl || press.meta || press.escape || press.tab) return none(state);
  const typed = printable(press.input);
  return typed === "" ? none(state) : edit(state, insertText(input, typed));
}

function submit(state: UiState): KeyOutcome {
  const text = state.input.text.trim();
  if (text === "") return none(state);
  if (isRunning(state)) return { state: { ...state, hint: WAIT_HINT }, effects: [] };
  return {
    state: { ...state, input: emptyInputBuffer, history: recordInput(state.history, text), quitArmed: false },
    effects: [{ type: "submit", text }],
  };
}

function quitKey(state: UiState): KeyOutcome {
  if (state.quitArmed) return { state: { ...state, quitArmed: false }, effects: [{ type: "quit" }] };
  return { state: { ...state, quitArmed: true, hint: QUIT_HINT }, effects: [] };
}

function disarm(state: UiState): KeyOutcome {
  return { state: state.quitArmed ? { ...state, quitArmed: false } : state, effects: [] };
}

function none(state: UiState): KeyOutcome {
  return { state, effects: [] };
}

/** Moves the cursor or shows a recalled message (history browsing goes on). */
function keep(state: UiState, input: InputBuffer): KeyOutcome {
  return { state: { ...state, input }, effects: [] };
}

/** Changes the text: the edited text is a new draft. */
function edit(state: UiState, input: InputBuffer): KeyOutcome {
  return { state: { ...state, input, history: stopBrowsing(state.history) }, effects: [] };
}

/** Typed or pasted text without control characters; tabs become spaces, `\r` newlines. */
function printable(text: string): string {
  let result = "";
  for (const character of text.replace(/\r\n?/g, "\n")) {
    // Non-null: `character` is not empty.
    const code = character.codePointAt(0)!;
    if (character === "\n") result += "\n";
    else if (character === "\t") result += "  ";
    else if (code >= 0x20 && code !== 0x7f) result += character;
  }
  return result;
}
