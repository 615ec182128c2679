/**
 * @module Everything the TUI shows, as one value, and the pure reducer that turns run events and
 * turn boundaries into the next value. Key presses are handled by `handleKey`, which builds on
 * the same state. Nothing here touches Ink, React or the runtime.
 */
import type { CallKind, RunEvent } from "../events/run-event.js";
import { type CostTotal, emptyCostTotal } from "../models/estimate-cost.js";
import { emptyUsage, type Usage } from "../runtime/usage.js";
import { applyRunEvent } from "./apply-run-event.js";
import { type ApprovalQueue, emptyApprovalQueue } from "./approval-queue.js";
import { emptyInputBuffer, type InputBuffer } from "./input-buffer.js";
import { emptyInputHistory, type InputHistory, recordInput } from "./input-history.js";
import type { TranscriptEntry } from "./transcript-entry.js";
import { appendEntries, closeOpenEntries } from "./transcript-updates.js";

/** A call of the current turn. */
export interface CallRecord {
  readonly callId: string;
  readonly parentCallId?: string;
  readonly name: string;
  readonly kind: CallKind;
  readonly path: readonly string[];
  readonly depth: number;
  /** True until its `call-end`. */
  readonly active: boolean;
  /** When it started (ms since the epoch). */
  readonly startedAt: number;
  /** When it last made progress: started, a child call ended, or a model response arrived. */
  readonly lastActivityAt: number;
}

/** The turn in flight. */
export interface TurnState {
  /** When it started (ms since the epoch). */
  readonly startedAt: number;
  /** Usage of the model responses so far. */
  readonly usage: Usage;
  /** Estimated cost so far. */
  readonly cost: CostTotal;
}

/** The whole TUI state. */
export interface UiState {
  /** `--chat`: the input box is shown and the session stays open after a turn. */
  readonly chat: boolean;
  /** `-v` count: 2 adds a line per model response. */
  readonly verbosity: number;
  /** The transcript, oldest first. */
  readonly entries: readonly TranscriptEntry[];
  /** How many leading entries are done and printed for good. */
  readonly committed: number;
  /** Calls of the current turn, by id. */
  readonly calls: Readonly<Record<string, CallRecord>>;
  /** The turn in flight, if any. */
  readonly turn?: TurnState;
  /** Turns started so far. */
  readonly turns: number;
  /** Approval requests waiting for the user. */
  readonly approvals: ApprovalQueue;
  /** The note being typed for "deny with a note"; undefined when not typing one. */
  readonly denyNote?: string;
  readonly input: InputBuffer;
  readonly history: InputHistory;
  /** True after a first `q`: a second one quits. */
  readonly quitArmed: boolean;
  /** A short message shown above the input until the next key press. */
  readonly hint?: string;
  /** True once the session is closing: only the transcript is drawn. */
  readonly closing: boolean;
  /** The counter behind entry ids. */
  readonly nextEntry: number;
}

/** What the controller tells the UI. */
export type UiAction =
  /** A turn begins with this input (shown as the user's message). */
  | { type: "turn-start"; input: unknown; at: number }
  /** An event of the turn's run. */
  | { type: "run-event"; event: RunEvent; at: number }
  /** The turn's run settled; `message` describes a failure that produced no run event. */
  | { type: "turn-end"; at: number; message?: string }
  /** A line of information from outside the run (a provider warning). */
  | { type: "notice"; tone: "info" | "warning" | "error"; text: string }
  /** The session is over: draw the transcript only. */
  | { type: "closing" };

/** Options of {@link initialUiState}. */
export interface InitialUiStateOptions {
  /** Chat mode. */
  chat: boolean;
  /** The `-v` count (default 0). */
  verbosity?: number;
}

/** The state before anything happened. */
export function initialUiState(options: InitialUiStateOptions): UiState {
  return {
    chat: options.chat,
    verbosity: options.verbosity ?? 0,
    entries: [],
    committed: 0,
    calls: {},
    turns: 0,
    approvals: emptyApprovalQueue,
    input: emptyInputBuffer,
    history: emptyInputHistory,
    quitArmed: false,
    closing: false,
    nextEntry: 0,
  };
}

/** True while a turn runs. */
export function isRunning(state: UiState): boolean {
  return state.turn !== undefined;
}

/** The next state after `action`. Pure. */
export function reduceUiState(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case "turn-start":
      return commit(startTurn(state, action.input, action.at));
    case "run-event":
      return commit(keepNoteForSameRequest(state, applyRunEvent(state, action.event, action.at)));
    case "turn-end":
      return commit(endTurn(state, action.message));
    case "notice":
      return commit(
        appendEntries(state, { kind: "notice", tone: action.tone, text: action.text, done: true }),
      );
    case "closing":
      return commit({ ...closeOpenEntries(state), closing: true, approvals: emptyApprovalQueue });
    default:
      return state;
  }
}

function startTurn(state: UiState, input: unknown, at: number): UiState {
  const text = (typeof input === "string" ? input : JSON.stringify(input, null, 2)) ?? "";
  const withSeparator = state.turns > 0 ? appendEntries(state, { kind: "separator", done: true }) : state;
  const withMessage = appendEntries(withSeparator, { kind: "user", text, done: true });
  return {
    ...withMessage,
    history: text.trim() === "" ? state.history : recordInput(state.history, text),
    calls: {},
    turns: state.turns + 1,
    turn: { startedAt: at, usage: emptyUsage(), cost: emptyCostTotal() },
  };
}

function endTurn(state: UiState, message: string | undefined): UiState {
  const closed = closeOpenEntries(state);
  const withError = message
    ? appendEntries(closed, { kind: "notice", tone: "error", text: message, done: true })
    : closed;
  const { turn: _turn, ...rest } = withError;
  return { ...rest, approvals: emptyApprovalQueue, denyNote: undefined };
}

/** A note being typed belongs to the request it was started for. */
function keepNoteForSameRequest(before: UiState, after: UiState): UiState {
  if (after.denyNote === undefined) return after;
  const shown = (state: UiState) => state.approvals.pending[0]?.callId;
  return shown(before) === shown(after) ? after : { ...after, denyNote: undefined };
}

function commit(state: UiState): UiState {
  let committed = state.committed;
  // Non-null: the loop condition keeps `committed` inside `entries`.
  while (committed < state.entries.length && state.entries[committed]!.done) committed += 1;
  return committed === state.committed ? state : { ...state, committed };
}
