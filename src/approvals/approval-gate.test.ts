import { describe, expect, test } from "vitest";
import { AbortError, ApprovalDeniedError } from "../errors.js";
import type { RunEvent } from "../events/run-event.js";
import { ApprovalGate, type GateCall } from "./approval-gate.js";
import { type ApprovalPolicy, normalizePolicy } from "./approval-policy.js";
import { ApprovalSession } from "./approval-session.js";
import type { ApprovalCheck, ApprovalDecision, ApprovalRequest } from "./approval-types.js";
import type { DecisionLog, GateDecision } from "./decision-log.js";

/** A person at the prompt: requests wait until the test answers them, oldest first. */
function manualPrompt() {
  const pending: Array<{ request: ApprovalRequest; resolve: (decision: ApprovalDecision) => void }> = [];
  const waiting: Array<() => void> = [];
  const asked: ApprovalRequest[] = [];
  const policy: ApprovalPolicy = {
    prompt: (request) =>
      new Promise<ApprovalDecision>((resolve) => {
        asked.push(request);
        pending.push({ request, resolve });
        waiting.shift()?.();
      }),
  };
  return {
    policy,
    /** Every request the person saw, in order. */
    asked,
    /** How many requests are on screen right now. */
    get open() {
      return pending.length;
    },
    /** The request on screen, once there is one. */
    async current(): Promise<ApprovalRequest> {
      if (pending.length === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      return pending[0]!.request;
    },
    answer(decision: ApprovalDecision): void {
      pending.shift()!.resolve(decision);
    },
  };
}

/** The gate the test made last: {@link gateCall} takes its place in that gate's line. */
let lastGate: ApprovalGate;

function createGate(policy: ApprovalPolicy, session = new ApprovalSession()) {
  const events: RunEvent[] = [];
  const gate = new ApprovalGate({
    policy: normalizePolicy(policy),
    session,
    emit: (event) => events.push(event),
  });
  lastGate = gate;
  return { gate, events, session };
}

const needsApproval: ApprovalCheck = { type: "needs-approval" };

let counter = 0;
function gateCall(
  input: unknown,
  options: { toolName?: string; check?: ApprovalCheck; signal?: AbortSignal } = {},
): GateCall {
  const toolName = options.toolName ?? "write_file";
  return {
    callId: `c${++counter}`,
    ticket: lastGate.reserve(),
    check: options.check ?? needsApproval,
    signal: options.signal ?? new AbortController().signal,
    request: {
      toolName,
      input,
      description: `${toolName} ${JSON.stringify(input)}`,
      callPath: ["main", toolName],
      depth: 1,
    },
  };
}

/** Lets pending promise callbacks run, so "nothing else happened" can be asserted. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("ApprovalGate: checks that need no decision", () => {
  test("a pre-approved call passes at once, with no event and no question", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    await gate.pass(gateCall({ path: "a" }, { check: { type: "pre-approved" } }));
    expect(events).toEqual([]);
    expect(prompt.asked).toEqual([]);
  });

  test("a blocked call is refused even under approve_all; the classifier is named as the decider", async () => {
    const { gate, events } = createGate("approve_all");
    const call = gateCall(
      { command: "ls | wc" },
      { toolName: "shell", check: { type: "blocked", reason: "pipes" } },
    );
    const error = await rejection(gate.pass(call));
    expect(error).toBeInstanceOf(ApprovalDeniedError);
    expect(error).toMatchObject({ message: "Blocked shell: pipes", kind: "blocked", failsRun: false });
    expect(events).toEqual([
      {
        type: "approval-response",
        callId: call.callId,
        toolName: "shell",
        decision: { type: "blocked", reason: "pipes" },
        decidedBy: "classifier",
      },
    ]);
  });

  test("a blocked call goes back to the model under the 'fail' policy too", async () => {
    const { gate } = createGate("fail");
    const error = await rejection(gate.pass(gateCall({}, { check: { type: "blocked", reason: "no" } })));
    expect(error).toMatchObject({ kind: "blocked", failsRun: false });
  });
});

describe("ApprovalGate: decisions", () => {
  test("an approval is announced, asked, and answered, with who decided", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const call = gateCall({ path: "a.md" });
    const passed = gate.pass(call);
    expect(await prompt.current()).toBe(call.request);
    prompt.answer({ type: "approved" });
    await passed;
    expect(events).toEqual([
      { type: "approval-request", callId: call.callId, request: call.request },
      {
        type: "approval-response",
        callId: call.callId,
        toolName: "write_file",
        decision: { type: "approved" },
        decidedBy: "user",
      },
    ]);
  });

  test("a denial with a reason rejects with it, for the model to read", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const passed = rejection(gate.pass(gateCall({ path: "a.md" })));
    await prompt.current();
    prompt.answer({ type: "denied", note: "not today" });
    const error = await passed;
    expect(error).toBeInstanceOf(ApprovalDeniedError);
    expect(error).toMatchObject({
      message: "Approval denied for write_file: not today",
      toolName: "write_file",
      kind: "denied",
      failsRun: false,
    });
    expect(events.at(-1)).toMatchObject({
      decision: { type: "denied", note: "not today" },
      decidedBy: "user",
    });
  });

  test("a denial without a reason says so", async () => {
    const { gate } = createGate(() => ({ type: "denied" }));
    const error = await rejection(gate.pass(gateCall({})));
    expect(error).toMatchObject({
      message: "Approval denied for write_file: no reason given",
      failsRun: false,
    });
  });

  test.each([
    ["approve_all", { type: "approved" }, "policy"],
    ["reject_all", { type: "denied", note: "--reject-all" }, "policy"],
    ["fail", { type: "denied", note: "use --approve-all to allow it in headless mode" }, "policy"],
  ] as const)("%s decides as the policy", async (policy, decision, decidedBy) => {
    const { gate, events } = createGate(policy);
    await gate.pass(gateCall({})).catch(() => undefined);
    expect(events.at(-1)).toMatchObject({ type: "approval-response", decision, decidedBy });
  });

  test("a denial under the 'fail' policy is marked to end the run", async () => {
    const { gate } = createGate("fail");
    const error = await rejection(gate.pass(gateCall({})));
    expect(error).toMatchObject({
      message: "Approval denied for write_file: use --approve-all to allow it in headless mode",
      kind: "denied",
      failsRun: true,
    });
  });

  test("a function policy sees the whole request and decides per call", async () => {
    const seen: ApprovalRequest[] = [];
    const { gate } = createGate((request) => {
      seen.push(request);
      return (request.input as { n: number }).n > 10
        ? { type: "approved" }
        : { type: "denied", note: "small" };
    });
    const big = gateCall({ n: 50 });
    await gate.pass(big);
    await expect(gate.pass(gateCall({ n: 1 }))).rejects.toThrow("Approval denied for write_file: small");
    expect(seen[0]).toBe(big.request);
  });
});

describe("ApprovalGate: parallel requests", () => {
  test("are announced together and answered one at a time, in order", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const calls = [1, 2, 3].map((n) => gateCall({ n }));
    const passed = calls.map((call) => gate.pass(call));
    await settle();
    // All three are announced before the first is answered, so a UI can show "1 of 3".
    expect(events.map((event) => event.type)).toEqual([
      "approval-request",
      "approval-request",
      "approval-request",
    ]);
    for (const [index, call] of calls.entries()) {
      expect(await prompt.current()).toBe(call.request);
      await settle();
      expect(prompt.open).toBe(1);
      prompt.answer({ type: "approved" });
      await passed[index];
    }
    expect(prompt.asked.map((request) => request.input)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(events.slice(3).map((event) => event.type === "approval-response" && event.callId)).toEqual(
      calls.map((call) => call.callId),
    );
  });

  test("a denial does not stall the queue: the next request is asked", async () => {
    const prompt = manualPrompt();
    const { gate } = createGate(prompt.policy);
    const first = rejection(gate.pass(gateCall({ n: 1 })));
    const second = gate.pass(gateCall({ n: 2 }));
    await prompt.current();
    prompt.answer({ type: "denied" });
    expect(await first).toBeInstanceOf(ApprovalDeniedError);
    expect((await prompt.current()).input).toEqual({ n: 2 });
    prompt.answer({ type: "approved" });
    await second;
  });
});

describe("ApprovalGate: session memory", () => {
  test("'approve for session' skips the question for the same tool and arguments, in any key order", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const first = gate.pass(gateCall({ path: "a.md", content: "x" }));
    await prompt.current();
    prompt.answer({ type: "approved", remember: "session" });
    await first;
    const again = gateCall({ content: "x", path: "a.md" });
    await gate.pass(again);
    expect(prompt.asked).toHaveLength(1);
    expect(events.at(-1)).toEqual({
      type: "approval-response",
      callId: again.callId,
      toolName: "write_file",
      decision: { type: "approved", remember: "session" },
      decidedBy: "session",
    });
  });

  test("a different argument, or another tool with the same arguments, asks again", async () => {
    const session = new ApprovalSession();
    session.remember("write_file", { path: "a.md" });
    const prompt = manualPrompt();
    const { gate } = createGate(prompt.policy, session);
    const other = gate.pass(gateCall({ path: "b.md" }));
    expect((await prompt.current()).input).toEqual({ path: "b.md" });
    prompt.answer({ type: "approved" });
    await other;
    const otherTool = gate.pass(gateCall({ path: "a.md" }, { toolName: "delete_file" }));
    expect((await prompt.current()).toolName).toBe("delete_file");
    prompt.answer({ type: "approved" });
    await otherTool;
  });

  test("a one-off approval and a denial are not remembered", async () => {
    const decisions: ApprovalDecision[] = [
      { type: "approved", remember: "once" },
      { type: "approved" },
      { type: "denied" },
      { type: "approved" },
    ];
    const { gate, session } = createGate(() => decisions.shift()!);
    await gate.pass(gateCall({ n: 1 }));
    await gate.pass(gateCall({ n: 1 }));
    await gate.pass(gateCall({ n: 2 })).catch(() => undefined);
    await gate.pass(gateCall({ n: 2 }));
    expect(decisions).toEqual([]);
    expect(session.has("write_file", { n: 1 })).toBe(false);
  });

  test("a queued duplicate of a call approved for the session is decided by the session", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const passed = [gate.pass(gateCall({ n: 1 })), gate.pass(gateCall({ n: 1 }))];
    await prompt.current();
    prompt.answer({ type: "approved", remember: "session" });
    await Promise.all(passed);
    expect(prompt.asked).toHaveLength(1);
    const deciders = events.flatMap((event) => (event.type === "approval-response" ? [event.decidedBy] : []));
    expect(deciders).toEqual(["user", "session"]);
  });

  test("the session outlives the gate: a later run's gate remembers", async () => {
    const session = new ApprovalSession();
    await createGate(() => ({ type: "approved", remember: "session" }), session).gate.pass(
      gateCall({ n: 1 }),
    );
    const prompt = manualPrompt();
    await createGate(prompt.policy, session).gate.pass(gateCall({ n: 1 }));
    expect(prompt.asked).toEqual([]);
  });
});

describe("ApprovalGate: cancellation", () => {
  test("aborting while the question is on screen rejects with AbortError", async () => {
    const prompt = manualPrompt();
    const { gate } = createGate(prompt.policy);
    const controller = new AbortController();
    const passed = rejection(gate.pass(gateCall({}, { signal: controller.signal })));
    await prompt.current();
    controller.abort();
    expect(await passed).toBeInstanceOf(AbortError);
  });

  test("a call aborted while queued rejects at once and is never asked", async () => {
    const prompt = manualPrompt();
    const { gate, events } = createGate(prompt.policy);
    const controller = new AbortController();
    const first = gate.pass(gateCall({ n: 1 }));
    const queued = gateCall({ n: 2 }, { signal: controller.signal });
    const second = rejection(gate.pass(queued));
    await prompt.current();
    controller.abort();
    expect(await second).toBeInstanceOf(AbortError);
    prompt.answer({ type: "approved" });
    await first;
    const third = gate.pass(gateCall({ n: 3 }));
    expect((await prompt.current()).input).toEqual({ n: 3 });
    prompt.answer({ type: "approved" });
    await third;
    expect(prompt.asked.map((request) => request.input)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(events.some((event) => event.type === "approval-response" && event.callId === queued.callId)).toBe(
      false,
    );
  });

  test("a call whose signal is already aborted is not asked", async () => {
    const prompt = manualPrompt();
    const { gate } = createGate(prompt.policy);
    const passed = rejection(gate.pass(gateCall({}, { signal: AbortSignal.abort() })));
    expect(await passed).toBeInstanceOf(AbortError);
    await settle();
    expect(prompt.asked).toEqual([]);
  });
});

describe("ApprovalGate: a durable run's decision log", () => {
  function memoryLog(wait?: DecisionLog["wait"]) {
    const recorded = new Map<string, GateDecision>();
    const log: DecisionLog = {
      recorded: (callId) => recorded.get(callId),
      record: async (callId, decided) => {
        recorded.set(callId, decided);
      },
      ...(wait ? { wait } : {}),
    };
    return { log, recorded };
  }

  test("a recorded decision is read back without asking, its signature in the event, and session approvals are remembered again", async () => {
    const { log, recorded } = memoryLog();
    const signature = { by: "ana@laptop", at: "2026-01-01T00:00:00.000Z" };
    const events: RunEvent[] = [];
    const session = new ApprovalSession();
    lastGate = new ApprovalGate({
      policy: normalizePolicy("fail"),
      session,
      emit: (event) => events.push(event),
      decisions: log,
    });
    const call = gateCall({ path: "a" });
    recorded.set(call.callId, {
      decision: { type: "approved", remember: "session" },
      decidedBy: "user",
      signature,
    });
    await lastGate.pass(call);
    expect(events.at(-1)).toMatchObject({ type: "approval-response", decidedBy: "user", signature });
    expect(session.has("write_file", { path: "a" })).toBe(true);
  });

  test("with a wait, nobody in the process is asked; the denial reaches the model even under the 'fail' policy, and is recorded", async () => {
    const { log, recorded } = memoryLog(async () => ({
      decision: { type: "denied", note: "no" },
      decidedBy: "user",
    }));
    lastGate = new ApprovalGate({
      policy: normalizePolicy("fail"),
      session: new ApprovalSession(),
      emit: () => {},
      decisions: log,
    });
    const call = gateCall({ path: "b" });
    const error = await rejection(lastGate.pass(call));
    expect(error).toBeInstanceOf(ApprovalDeniedError);
    expect(error).toMatchObject({ message: "Approval denied for write_file: no", failsRun: false });
    expect(recorded.get(call.callId)).toEqual({
      decision: { type: "denied", note: "no" },
      decidedBy: "user",
    });
  });

  test("a call the session already approved is recorded as the session's, without waiting", async () => {
    const { log, recorded } = memoryLog(async () => {
      throw new Error("must not wait");
    });
    const session = new ApprovalSession();
    session.remember("write_file", { path: "c" });
    lastGate = new ApprovalGate({ policy: normalizePolicy("fail"), session, emit: () => {}, decisions: log });
    const call = gateCall({ path: "c" });
    await lastGate.pass(call);
    expect(recorded.get(call.callId)).toEqual({
      decision: { type: "approved", remember: "session" },
      decidedBy: "session",
    });
  });
});
