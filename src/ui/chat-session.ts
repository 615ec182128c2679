/**
 * @module The TUI session as a small state machine: idle, a turn running, stopping, finished.
 * It starts turns, carries the conversation from one to the next, and decides how the session
 * ends; it knows nothing of Ink or of `run()` (both come in as functions), so it is tested alone.
 */
import { setTimeout } from "node:timers/promises";
import type { ModelMessage } from "ai";
import { AbortError, errorMessage, isLlmDoError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import type { UiAction } from "./ui-state.js";

/** How the session ended. */
export interface InteractiveResult {
  /** `finished`: the single turn ended; `quit`: the user quit; `interrupted`: the run's signal aborted. */
  ending: "finished" | "quit" | "interrupted";
  /** True when the user quit or the signal aborted while a turn was running. */
  abortedTurn: boolean;
  /** Turns started. */
  turns: number;
  /** Turns that failed (aborted turns not counted). */
  failedTurns: number;
  /** The last turn's outcome: its output, or its error. */
  last?: { type: "ok"; output: unknown } | { type: "error"; error: unknown };
  /** Set when the UI itself crashed (the session then ends as if the user quit). */
  uiError?: unknown;
}

/** One turn's run, as the session starts it. */
export interface TurnRequest {
  input: unknown;
  /** The conversation so far (the previous turn's messages). */
  history: ModelMessage[];
  /** Aborted when the user quits or the session's signal aborts. */
  signal: AbortSignal;
  /** Receives every event of the turn's run. */
  onEvent: (event: RunEvent) => void;
}

/** What the session needs from outside. */
export interface ChatSessionOptions {
  /** Runs one turn to its end: the run's output and its conversation, or its error. */
  runTurn: (request: TurnRequest) => Promise<{ output: unknown; messages: ModelMessage[] }>;
  /** Tells the UI what happens. */
  send: (action: UiAction) => void;
  /** Keep the session open for more turns; otherwise it finishes with its first turn. */
  chat: boolean;
  /** The signal that interrupts the whole session (SIGINT), if any. */
  signal?: AbortSignal | undefined;
  /** Also called with every run event, before the UI gets it (for a transcript). */
  onEvent?: ((event: RunEvent) => void) | undefined;
  /** Called when a turn settles (pending approval prompts are dropped). */
  onTurnSettled?: () => void;
  /** How long a stop waits for the aborted turn to wind down. */
  graceMs: number;
  /** The clock. */
  now: () => number;
}

/** The session's state machine; see the module comment. */
export class ChatSession {
  /** How the session ended, filled in as it goes. */
  readonly result: InteractiveResult = { ending: "finished", abortedTurn: false, turns: 0, failedTurns: 0 };
  /** Settles when the session is over. */
  readonly finished: Promise<void>;
  readonly #finish: () => void;
  #history: ModelMessage[] = [];
  #current: { controller: AbortController; done: Promise<void> } | undefined;
  #stopping = false;

  constructor(private readonly options: ChatSessionOptions) {
    const { promise, resolve } = Promise.withResolvers<void>();
    this.finished = promise;
    this.#finish = resolve;
  }

  /** True while a turn runs. */
  get running(): boolean {
    return this.#current !== undefined;
  }

  /** Starts a turn with `input`; ignored while a turn runs or the session stops. */
  readonly submit = (input: unknown): void => {
    if (this.#current || this.#stopping) return;
    const { options, result } = this;
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
    let hasRunEnded = false;
    result.turns += 1;
    options.send({ type: "turn-start", input, at: options.now() });
    const onEvent = (event: RunEvent) => {
      if (event.type === "run-end") hasRunEnded = true;
      options.onEvent?.(event);
      options.send({ type: "run-event", event, at: options.now() });
    };
    const done = options
      .runTurn({ input, history: this.#history, signal, onEvent })
      .then(
        (value): string | undefined => {
          this.#history = value.messages;
          result.last = { type: "ok", output: value.output };
          return undefined;
        },
        (error: unknown) => {
          result.last = { type: "error", error };
          if (!isLlmDoError(error, "ABORTED")) result.failedTurns += 1;
          // Failures after run-start are in the run's events; anything else is shown here.
          return hasRunEnded ? undefined : `Conversation runner error: ${errorMessage(error)}`;
        },
      )
      .then((message) => this.#settled(message));
    this.#current = { controller, done };
  };

  /**
   * Ends the session: aborts a running turn and waits up to `graceMs` for it to wind down.
   * Contract: a second stop while the first waits finishes the session at once.
   */
  readonly stop = async (ending: InteractiveResult["ending"]): Promise<void> => {
    if (this.#stopping) return this.#finish();
    this.#stopping = true;
    this.result.ending = ending;
    const turn = this.#current;
    if (turn) {
      this.result.abortedTurn = true;
      turn.controller.abort(new AbortError());
      await Promise.race([turn.done, delay(this.options.graceMs)]);
      // The turn may have finished on its own just before the abort.
      const last = this.result.last;
      this.result.abortedTurn =
        this.#current === turn || (last?.type === "error" && isLlmDoError(last.error, "ABORTED"));
    }
    this.#finish();
  };

  /** Records that the UI crashed; the session ends as if the user quit. */
  readonly crashed = (error: unknown): void => {
    this.result.uiError = error;
    void this.stop("quit");
  };

  #settled(message: string | undefined): void {
    this.#current = undefined;
    this.options.onTurnSettled?.();
    this.options.send({ type: "turn-end", at: this.options.now(), ...(message ? { message } : {}) });
    if (!this.options.chat) void this.stop("finished");
  }
}

/** A timer that does not keep the process alive. */
export function delay(milliseconds: number): Promise<void> {
  return setTimeout(milliseconds, undefined, { ref: false });
}
