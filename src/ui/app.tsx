/**
 * @module The TUI. It subscribes to UI actions (run events and turn boundaries), keeps the state
 * with the pure reducer, and reports what the user does through callbacks: answers to approval
 * requests, chat messages, quitting. It never calls the runtime.
 *
 * Finished transcript entries are printed once with `<Static>` (they scroll into the
 * terminal's history); the live part below redraws: open entries, progress, the approval
 * panel, the input box and the key hints.
 */
import { Box, type Key, Static, Text, useInput } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ApprovalDecision } from "../approvals/approval-types.js";
import { ActivityLine } from "./activity-line.js";
import { ApprovalPanel } from "./approval-panel.js";
import { currentApproval } from "./approval-queue.js";
import { describeActivity } from "./describe-activity.js";
import { EntryView } from "./entry-view.js";
import { handleKey, isInputActive, type KeyPress, type UiEffect } from "./handle-key.js";
import { InputBox } from "./input-box.js";
import { KeyHints } from "./key-hints.js";
import type { UiSource } from "./ui-channel.js";
import { initialUiState, reduceUiState, type UiState } from "./ui-state.js";

/** Props of {@link App}. */
export interface AppProps {
  /** Where run events and turn boundaries come from. */
  source: UiSource;
  /** Answers the approval request shown (the resolver bridge). */
  onAnswer: (decision: ApprovalDecision) => void;
  /** Starts a chat turn with the user's message. */
  onSubmit: (text: string) => void;
  /** The user quit (Ctrl+C, Ctrl+Q, or `q` twice). */
  onQuit: () => void;
  /** Called once the closing state is on screen (after a `closing` action): safe to unmount. */
  onClosed?: () => void;
  /** `--chat`: show the input box. */
  chat: boolean;
  /** The `-v` count. */
  verbosity?: number;
  /** The clock for the progress line (tests pass a fixed one). */
  now?: () => number;
}

const PLACEHOLDER = "Type a message";

/** The whole TUI. */
export function App({ source, onAnswer, onSubmit, onQuit, onClosed, chat, verbosity = 0, now }: AppProps) {
  const [state, setState] = useState(() => initialUiState({ chat, verbosity }));
  const current = useRef(state);
  const callbacks = useRef({ onAnswer, onSubmit, onQuit });
  callbacks.current = { onAnswer, onSubmit, onQuit };
  const update = useCallback((next: UiState) => {
    current.current = next;
    setState(next);
  }, []);

  useEffect(
    () => source.subscribe((actions) => update(actions.reduce(reduceUiState, current.current))),
    [source, update],
  );

  const onKey = useCallback(
    (input: string, key: Key) => {
      const outcome = handleKey(current.current, toKeyPress(input, key));
      update(outcome.state);
      for (const effect of outcome.effects) perform(effect, callbacks.current);
    },
    [update],
  );
  useInput(onKey, { isActive: !state.closing });
  useEffect(() => {
    if (state.closing) onClosed?.();
  }, [state.closing, onClosed]);

  const committed = useMemo(() => state.entries.slice(0, state.committed), [state.entries, state.committed]);
  return (
    <Box flexDirection="column">
      <Static items={committed}>{(entry) => <EntryView key={entry.id} entry={entry} />}</Static>
      {state.closing ? null : <LiveArea state={state} {...(now ? { now } : {})} />}
    </Box>
  );
}

function LiveArea({ state, now }: { state: UiState; now?: () => number }) {
  const live = state.entries.slice(state.committed);
  const approval = currentApproval(state.approvals);
  const inputActive = isInputActive(state);
  return (
    <Box flexDirection="column">
      {live.map((entry) => (
        <EntryView key={entry.id} entry={entry} />
      ))}
      {state.turn ? (
        <ActivityLine items={describeActivity(state)} turn={state.turn} {...(now ? { now } : {})} />
      ) : null}
      {approval ? (
        <ApprovalPanel
          request={approval.item.request}
          index={approval.index}
          total={approval.total}
          {...(state.denyNote === undefined ? {} : { note: state.denyNote })}
        />
      ) : null}
      {state.hint ? <Text color="yellow">{state.hint}</Text> : <Text> </Text>}
      {state.chat ? <InputBox buffer={state.input} active={inputActive} placeholder={PLACEHOLDER} /> : null}
      <KeyHints mode={approval ? "approval" : inputActive ? "chat-input" : "watching"} />
    </Box>
  );
}

function perform(effect: UiEffect, callbacks: Pick<AppProps, "onAnswer" | "onSubmit" | "onQuit">): void {
  switch (effect.type) {
    case "answer-approval":
      callbacks.onAnswer(effect.decision);
      return;
    case "submit":
      callbacks.onSubmit(effect.text);
      return;
    case "quit":
      callbacks.onQuit();
      return;
  }
}

function toKeyPress(input: string, key: Key): KeyPress {
  return {
    input,
    return: key.return,
    escape: key.escape,
    ctrl: key.ctrl,
    meta: key.meta,
    upArrow: key.upArrow,
    downArrow: key.downArrow,
    leftArrow: key.leftArrow,
    rightArrow: key.rightArrow,
    home: key.home,
    end: key.end,
    backspace: key.backspace,
    delete: key.delete,
    tab: key.tab,
  };
}
