/**
 * @module The TUI controller: it owns the `run()` call of each turn and feeds the App. The App
 * sees only UI actions and hands back approval answers, chat messages and quit requests.
 *
 * Each turn calls `run()` again with the same files (so edits between turns take effect), the
 * previous turn's messages as history, and one approval session for the whole chat.
 */
import { createElement, type ReactElement } from "react";
import { ApprovalSession } from "../approvals/approval-session.js";
import type { RunEvent } from "../events/run-event.js";
import { type RunOptions, run } from "../runtime/run.js";
import { App } from "./app.js";
import { createApprovalBridge } from "./approval-bridge.js";
import { ChatSession, delay, type InteractiveResult } from "./chat-session.js";
import { createUiChannel } from "./ui-channel.js";

export type { InteractiveResult } from "./chat-session.js";

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

/** How long a quit waits for the aborted turn to wind down. */
const ABORT_GRACE_MS = 3000;
/** How long closing waits for the App to draw its last frame. */
const CLOSE_WAIT_MS = 500;

/**
 * Runs the TUI until the single turn ends (without `chat`) or the user quits, and returns how
 * it ended. The App is unmounted before this resolves, also when something throws.
 */
export async function runInteractive(options: InteractiveOptions): Promise<InteractiveResult> {
  const channel = createUiChannel();
  const bridge = createApprovalBridge();
  const approvals = new ApprovalSession();
  const signal = options.run.signal;
  const session = new ChatSession({
    runTurn: (turn) =>
      run({
        ...options.run,
        input: turn.input,
        history: turn.history,
        signal: turn.signal,
        approval: options.approval ?? { prompt: bridge.resolver },
        approvalSession: approvals,
        onEvent: turn.onEvent,
      }).result,
    send: channel.send,
    chat: options.chat,
    signal,
    onEvent: options.onEvent,
    onTurnSettled: bridge.reset,
    graceMs: ABORT_GRACE_MS,
    now: options.now ?? Date.now,
  });
  const { promise: drawnClosed, resolve: closed } = Promise.withResolvers<void>();
  const unsubscribeWarnings = options.subscribeWarnings?.((text) =>
    channel.send({ type: "notice", tone: "warning", text }),
  );
  const onSignal = () => void session.stop("interrupted");
  signal?.addEventListener("abort", onSignal, { once: true });
  const mounted = options.mount(
    createElement(App, {
      source: channel,
      onAnswer: bridge.answer,
      onSubmit: session.submit,
      onQuit: () => void session.stop("quit"),
      onClosed: () => closed(),
      chat: options.chat,
      verbosity: options.verbosity,
    }),
  );
  mounted.exited?.then(() => void session.stop("quit"), session.crashed);
  try {
    if (signal?.aborted) void session.stop("interrupted");
    else if (options.input !== undefined || !options.chat) session.submit(options.input);
    await session.finished;
    channel.send({ type: "closing" });
    await Promise.race([drawnClosed, delay(CLOSE_WAIT_MS)]);
    return session.result;
  } finally {
    signal?.removeEventListener("abort", onSignal);
    unsubscribeWarnings?.();
    mounted.unmount();
  }
}
