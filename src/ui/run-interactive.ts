/**
 * @module The TUI controller: it owns the `run()` call of each turn and feeds the App. The App
 * sees only UI actions and hands back approval answers, chat messages and quit requests.
 *
 * Each turn calls `run()` again with the same files (so edits between turns take effect), the
 * previous turn's messages as history, and one approval session for the whole chat.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { ModelMessage } from "ai";
import { createElement, type ReactElement } from "react";
import { ApprovalSession } from "../approvals/approval-session.js";
import { AbortError, errorMessage } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { type RunOptions, run } from "../runtime/run.js";
import { App } from "./app.js";
import { createApprovalBridge } from "./approval-bridge.js";
import { createUiChannel } from "./ui-channel.js";

/** The run options every turn shares (input, history, approvals and listener are the TUI's). */
export type TurnRunOptions = Omit<
  RunOptions,
  "input" | "history" | "approval" | "approvalSession" | "onEvent"
>;

/** An app on screen, as `mount` returns it. */
export interface MountedApp {
  unmount(): void;
  /** Settles when the app is gone; rejects when it crashed (a rendering error). */
  exited?: Promise<unknown>;
}

/** Options of {@link runInteractive}. */
export interface InteractiveOptions {
  /** Files, entry, model, cwd, env, ... and the signal that interrupts the session (SIGINT). */
  run: TurnRunOptions;
  /** The first turn's input; with `chat` it may be left out to start with an empty input. */
  input?: unknown;
  /** Keep the session open for more turns. */
  chat: boolean;
  /** `--approve-all` or `--reject-all`; by default the user is asked. */
  approval?: "approve_all" | "reject_all";
  /** The `-v` count. */
  verbosity?: number;
  /** Puts the App on screen (Ink's `render` on the terminal, or ink-testing-library's). */
  mount: (app: ReactElement) => MountedApp;
  /** Also called with every run event (for a transcript). */
  onEvent?: (event: RunEvent) => void;
  /**
   * Subscribes the session to outside warnings (provider warnings), shown as notices; returns
   * the function that unsubscribes.
   */
  subscribeWarnings?: (post: (text: string) => void) => () => void;
  /** The clock (default `Date.now`). */
  now?: () => number;
}

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

/** How long a quit waits for the aborted turn to wind down. */
const ABORT_GRACE_MS = 3000;
/** How long closing waits for the App to draw its last frame. */
const CLOSE_WAIT_MS = 500;

interface Turn {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Runs the TUI until the single turn ends (without `chat`) or the user quits, and returns how
 * it ended. The App is unmounted before this resolves, also when something throws.
 */
export async function runInteractive(options: InteractiveOptions): Promise<InteractiveResult> {
  const now = options.now ?? Date.now;
  const channel = createUiChannel();
  const bridge = createApprovalBridge();
  const session = new ApprovalSession();
  const result: InteractiveResult = { ending: "finished", abortedTurn: false, turns: 0, failedTurns: 0 };
  let history: ModelMessage[] = [];
  let current: Turn | undefined;
  let stopping = false;
  const { promise: finished, resolve: finish } = Promise.withResolvers<void>();
  const { promise: drawnClosed, resolve: closed } = Promise.withResolvers<void>();

  const stop = async (ending: InteractiveResult["ending"]) => {
    // A second quit while the turn winds down leaves at once.
    if (stopping) return finish();
    stopping = true;
    result.ending = ending;
    const turn = current;
    if (turn) {
      result.abortedTurn = true;
      turn.controller.abort(new AbortError());
      await Promise.race([turn.done, delay(ABORT_GRACE_MS, undefined, { ref: false })]);
      // The turn may have finished on its own just before the abort.
      const last = result.last;
      result.abortedTurn = current === turn || (last?.type === "error" && isAbort(last.error));
    }
    finish();
  };

  const runTurn = async (input: unknown, signal: AbortSignal, onEvent: (event: RunEvent) => void) =>
    run({
      ...options.run,
      input,
      history,
      signal,
      approval: options.approval ?? { prompt: bridge.resolver },
      approvalSession: session,
      onEvent,
    }).result;

  const startTurn = (input: unknown) => {
    if (current || stopping) return;
    const controller = new AbortController();
    const signal = options.run.signal
      ? AbortSignal.any([controller.signal, options.run.signal])
      : controller.signal;
    let hasRunEnded = false;
    result.turns += 1;
    channel.send({ type: "turn-start", input, at: now() });
    const onEvent = (event: RunEvent) => {
      if (event.type === "run-end") hasRunEnded = true;
      options.onEvent?.(event);
      channel.send({ type: "run-event", event, at: now() });
    };
    const done = runTurn(input, signal, onEvent)
      .then(
        (value): string | undefined => {
          history = value.messages;
          result.last = { type: "ok", output: value.output };
          return undefined;
        },
        (error: unknown) => {
          result.last = { type: "error", error };
          if (!isAbort(error)) result.failedTurns += 1;
          // Failures after run-start are in the run's events; anything else is shown here.
          return hasRunEnded ? undefined : `Conversation runner error: ${errorMessage(error)}`;
        },
      )
      .then((message) => {
        current = undefined;
        bridge.reset();
        channel.send({ type: "turn-end", at: now(), ...(message ? { message } : {}) });
        if (!options.chat) void stop("finished");
      });
    current = { controller, done };
  };

  const unsubscribeWarnings = options.subscribeWarnings?.((text) =>
    channel.send({ type: "notice", tone: "warning", text }),
  );
  const onSignal = () => void stop("interrupted");
  options.run.signal?.addEventListener("abort", onSignal, { once: true });
  const mounted = options.mount(
    createElement(App, {
      source: channel,
      onAnswer: bridge.answer,
      onSubmit: startTurn,
      onQuit: () => void stop("quit"),
      onClosed: () => closed(),
      chat: options.chat,
      ...(options.verbosity !== undefined ? { verbosity: options.verbosity } : {}),
    }),
  );
  mounted.exited?.then(
    () => void stop("quit"),
    (error: unknown) => {
      result.uiError = error;
      void stop("quit");
    },
  );
  try {
    if (options.run.signal?.aborted) void stop("interrupted");
    else if (options.input !== undefined || !options.chat) startTurn(options.input);
    await finished;
    channel.send({ type: "closing" });
    await Promise.race([drawnClosed, delay(CLOSE_WAIT_MS, undefined, { ref: false })]);
    return result;
  } finally {
    options.run.signal?.removeEventListener("abort", onSignal);
    unsubscribeWarnings?.();
    mounted.unmount();
  }
}

function isAbort(error: unknown): boolean {
  return (error as { code?: unknown } | null | undefined)?.code === "ABORTED";
}
