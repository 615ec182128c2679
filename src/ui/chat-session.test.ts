import type { ModelMessage } from "ai";
import { describe, expect, test } from "vitest";
import { AbortError, ConfigError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { emptyUsage } from "../runtime/usage.js";
import { ChatSession, type ChatSessionOptions, type TurnRequest } from "./chat-session.js";
import type { UiAction } from "./ui-state.js";

/** A session whose turns the test settles by hand. */
function harness(options: Partial<ChatSessionOptions> = {}) {
  const sent: UiAction[] = [];
  const turns: Array<
    TurnRequest & {
      resolve: (value: { output: unknown; messages: ModelMessage[] }) => void;
      reject: (error: unknown) => void;
    }
  > = [];
  let settled = 0;
  const session = new ChatSession({
    runTurn: (request) =>
      new Promise((resolve, reject) => {
        turns.push({ ...request, resolve, reject });
      }),
    send: (action) => sent.push(action),
    chat: true,
    onTurnSettled: () => {
      settled += 1;
    },
    graceMs: 1000,
    now: () => 7,
    ...options,
  });
  return { session, sent, turns, settled: () => settled };
}

const message = (text: string): ModelMessage => ({ role: "user", content: text });
const tick = () => new Promise((resolve) => setImmediate(resolve));
const runEnd: RunEvent = {
  type: "run-end",
  runId: "r",
  outcome: "error",
  error: { name: "ConfigError", message: "x" },
  usage: emptyUsage(),
  durationMs: 1,
};

describe("ChatSession", () => {
  test("without chat, the session finishes when its one turn ends", async () => {
    const { session, sent, turns } = harness({ chat: false });
    session.submit("hi");
    expect(session.running).toBe(true);
    turns[0]!.resolve({ output: "hello", messages: [message("hi")] });
    await session.finished;
    expect(session.result).toEqual({
      ending: "finished",
      abortedTurn: false,
      turns: 1,
      failedTurns: 0,
      last: { type: "ok", output: "hello" },
    });
    expect(sent).toEqual([
      { type: "turn-start", input: "hi", at: 7 },
      { type: "turn-end", at: 7 },
    ]);
  });

  test("each turn gets the previous turn's messages; a submit while a turn runs is ignored", async () => {
    const { session, turns, settled } = harness();
    session.submit("one");
    session.submit("ignored");
    expect(turns.map((turn) => turn.input)).toEqual(["one"]);
    turns[0]!.resolve({ output: "a", messages: [message("one")] });
    await tick();
    expect(session.running).toBe(false);
    expect(settled()).toBe(1);
    session.submit("two");
    expect(turns[1]!.history).toEqual([message("one")]);
  });

  test("a failed turn is counted, and shown when the run never got to run-end", async () => {
    const { session, sent, turns } = harness();
    session.submit("one");
    turns[0]!.reject(new ConfigError("no model"));
    await tick();
    session.submit("two");
    turns[1]!.onEvent(runEnd);
    turns[1]!.reject(new ConfigError("in the events"));
    await tick();
    expect(session.result.failedTurns).toBe(2);
    expect(sent.filter((action) => action.type === "turn-end")).toEqual([
      { type: "turn-end", at: 7, message: "Conversation runner error: no model" },
      { type: "turn-end", at: 7 },
    ]);
  });

  test("quitting during a turn aborts it, waits for it, and reports the aborted turn", async () => {
    const { session, turns } = harness();
    session.submit("long");
    const turn = turns[0]!;
    turn.signal.addEventListener("abort", () => turn.reject(turn.signal.reason));
    await session.stop("quit");
    await session.finished;
    expect(turn.signal.aborted).toBe(true);
    expect(session.result).toMatchObject({ ending: "quit", abortedTurn: true, failedTurns: 0 });
  });

  test("a turn that finished on its own just before the quit is not an aborted turn", async () => {
    const { session, turns } = harness();
    session.submit("quick");
    const turn = turns[0]!;
    turn.signal.addEventListener("abort", () => turn.resolve({ output: "done anyway", messages: [] }));
    await session.stop("quit");
    expect(session.result).toMatchObject({ ending: "quit", abortedTurn: false, last: { type: "ok" } });
  });

  test("a second stop while the first waits for the turn finishes the session at once", async () => {
    const { session, turns } = harness({ graceMs: 60_000 });
    session.submit("stuck");
    void session.stop("quit");
    await session.stop("quit");
    await session.finished;
    expect(turns[0]!.signal.aborted).toBe(true);
    expect(session.result.ending).toBe("quit");
  });

  test("the session's signal reaches the turn; nothing starts once it stops", async () => {
    const outer = new AbortController();
    const { session, turns } = harness({ signal: outer.signal });
    session.submit("one");
    outer.abort(new AbortError());
    expect(turns[0]!.signal.aborted).toBe(true);
    turns[0]!.reject(new AbortError());
    await session.stop("interrupted");
    session.submit("late");
    expect(turns).toHaveLength(1);
    expect(session.result).toMatchObject({ ending: "interrupted", failedTurns: 0 });
  });

  test("a UI crash ends the session as a quit and keeps the error", async () => {
    const { session } = harness();
    const error = new Error("render failed");
    session.crashed(error);
    await session.finished;
    expect(session.result).toMatchObject({ ending: "quit", uiError: error, turns: 0 });
  });
});
