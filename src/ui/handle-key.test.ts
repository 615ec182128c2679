import { describe, expect, test } from "vitest";
import type { ApprovalRequest } from "../approvals/approval-types.js";
import {
  DEFAULT_DENY_NOTE,
  handleKey,
  type KeyPress,
  QUIT_HINT,
  type UiEffect,
  WAIT_HINT,
} from "./handle-key.js";
import { initialUiState, reduceUiState, type UiState } from "./ui-state.js";

const request: ApprovalRequest = {
  toolName: "write_file",
  input: { path: "a.md" },
  description: "Write",
  callPath: ["main", "write_file"],
  depth: 1,
};

function withApprovals(state: UiState, ...callIds: string[]): UiState {
  return callIds.reduce(
    (current, callId) =>
      reduceUiState(current, {
        type: "run-event",
        event: { type: "approval-request", callId, request },
        at: 0,
      }),
    state,
  );
}

/** Presses keys in order; returns the last state and every effect. */
function press(state: UiState, ...keys: Array<string | KeyPress>): { state: UiState; effects: UiEffect[] } {
  const effects: UiEffect[] = [];
  let current = state;
  for (const key of keys) {
    const outcome = handleKey(current, typeof key === "string" ? { input: key } : key);
    current = outcome.state;
    effects.push(...outcome.effects);
  }
  return { state: current, effects };
}

const enter: KeyPress = { input: "\r", return: true };
const up: KeyPress = { input: "", upArrow: true };
const down: KeyPress = { input: "", downArrow: true };
const chat = initialUiState({ chat: true });
const watching = initialUiState({ chat: false });

describe("handleKey: approvals", () => {
  test("a, s and d answer the request shown, one by one", () => {
    const { state, effects } = press(withApprovals(watching, "1", "2", "3"), "a", "s", "d");
    expect(effects).toEqual([
      { type: "answer-approval", decision: { type: "approved", remember: "once" } },
      { type: "answer-approval", decision: { type: "approved", remember: "session" } },
      { type: "answer-approval", decision: { type: "denied", note: DEFAULT_DENY_NOTE } },
    ]);
    expect(state.approvals.pending).toEqual([]);
  });

  test("n types a note for the model; Enter denies with it, Esc goes back", () => {
    const queued = withApprovals(watching, "1");
    const typed = press(queued, "n", "not ", "now", { input: "", backspace: true }, "w");
    expect(typed.state.denyNote).toBe("not now");
    expect(press(typed.state, enter).effects).toEqual([
      { type: "answer-approval", decision: { type: "denied", note: "not now" } },
    ]);
    const back = press(typed.state, { input: "", escape: true }, "a");
    expect(back.effects).toEqual([
      { type: "answer-approval", decision: { type: "approved", remember: "once" } },
    ]);
  });

  test("the chat input takes no keys while an approval is shown", () => {
    const { state, effects } = press(withApprovals(chat, "1"), "x", "y");
    expect(state.input.text).toBe("");
    expect(effects).toEqual([]);
  });
});

describe("handleKey: quitting", () => {
  test("q twice quits when the input is not active; another key in between disarms", () => {
    const first = press(watching, "q");
    expect(first.state.hint).toBe(QUIT_HINT);
    expect(first.effects).toEqual([]);
    expect(press(first.state, "q").effects).toEqual([{ type: "quit" }]);
    expect(press(first.state, "x", "q").effects).toEqual([]);
    expect(press(withApprovals(watching, "1"), "q", "q").effects).toEqual([{ type: "quit" }]);
  });

  test("Ctrl+C and Ctrl+Q quit at once; in the chat input q is a letter", () => {
    expect(press(chat, { input: "c", ctrl: true }).effects).toEqual([{ type: "quit" }]);
    expect(press(withApprovals(watching, "1"), { input: "q", ctrl: true }).effects).toEqual([
      { type: "quit" },
    ]);
    expect(press(chat, "q", "q").state.input.text).toBe("qq");
  });
});

describe("handleKey: chat input", () => {
  test("Enter sends (trimmed); Ctrl+J and Alt+Enter insert newlines; blank input is not sent", () => {
    const { state, effects } = press(
      chat,
      "one",
      { input: "\n" },
      "two",
      { input: "\r", return: true, meta: true },
      "three ",
      enter,
    );
    expect(effects).toEqual([{ type: "submit", text: "one\ntwo\nthree" }]);
    expect(state.input.text).toBe("");
    expect(press(chat, "   ", enter).effects).toEqual([]);
  });

  test("sending while a turn runs asks to wait and keeps the text", () => {
    const running = reduceUiState(chat, { type: "turn-start", input: "first", at: 0 });
    const { state, effects } = press(running, "next", enter);
    expect(effects).toEqual([]);
    expect(state.hint).toBe(WAIT_HINT);
    expect(state.input.text).toBe("next");
  });

  test("Up and Down browse the history and restore the draft", () => {
    const sent = press(chat, "first", enter, "second", enter).state;
    const browsing = press(sent, "dra", "ft", up, up, up);
    expect(browsing.state.input.text).toBe("first");
    expect(press(browsing.state, down).state.input.text).toBe("second");
    expect(press(browsing.state, down, down).state.input.text).toBe("draft");
    expect(press(browsing.state, down, down, down).state.input.text).toBe("draft");
  });

  test("Up and Down move between lines before browsing; editing a recalled message keeps it", () => {
    const sent = press(chat, "old", enter).state;
    const twoLines = press(sent, "a", { input: "\n" }, "b", up);
    expect(twoLines.state.input).toEqual({ text: "a\nb", cursor: 1 });
    const edited = press(sent, up, "!", down);
    expect(edited.state.input.text).toBe("old!");
  });

  test("cursor keys, backspace and Ctrl+U edit the text", () => {
    const left: KeyPress = { input: "", leftArrow: true };
    const { state } = press(
      chat,
      "helo",
      left,
      "l",
      { input: "a", ctrl: true },
      ">",
      { input: "", end: true },
      "!",
    );
    expect(state.input.text).toBe(">hello!");
    expect(press(state, { input: "", delete: true }).state.input.text).toBe(">hello");
    expect(press(state, { input: "u", ctrl: true }).state.input.text).toBe("");
  });
});
