import { describe, expect, it } from "vitest";
import type { ApprovalRequest } from "../../approvals/approval-types.js";
import type { NewApprovalRequest, StoredApprovalRequest } from "./approval-requests.js";
import { approvalRequestId, approvalTopic } from "./approval-requests.js";
import { createDurableDecisions, type DurableDecisionsOptions } from "./durable-decisions.js";

const request: ApprovalRequest = {
  toolName: "note",
  input: { text: "hi" },
  description: 'note({"text":"hi"})',
  callPath: ["main", "note"],
  depth: 1,
};

/** An in-memory request table, and a message wait that decides (or not) when waited on. */
function harness(
  onWait: (table: Map<string, StoredApprovalRequest>, topic: string, seconds: number) => void,
  timeoutMs?: number,
) {
  let clock = Date.parse("2026-01-01T00:00:00Z");
  const table = new Map<string, StoredApprovalRequest>();
  const steps = new Map<string, unknown>();
  const waits: number[] = [];
  const options: DurableDecisionsOptions = {
    workflowId: "llm-do/batch/b/1",
    keyOf: (callId) => (callId === "c1" ? "main/1 > note" : undefined),
    has: (name) => steps.has(name),
    get: (name) => steps.get(name),
    record: async (name, value) => {
      steps.set(name, value);
    },
    wait: {
      requests: {
        ensure: async (fresh: NewApprovalRequest) => {
          const id = approvalRequestId(fresh.workflowId, fresh.callKey);
          if (!table.has(id)) {
            table.set(id, {
              ...fresh,
              id,
              requestedAt: new Date(clock).toISOString(),
              state: { type: "pending" },
            });
          }
          return table.get(id)!;
        },
        get: async (id) => table.get(id),
        timeOut: async (id) => {
          const stored = table.get(id)!;
          if (stored.state.type === "pending") {
            stored.state = {
              type: "timed-out",
              signature: { by: "timeout", at: new Date(clock).toISOString() },
            };
          }
          return stored;
        },
      },
      now: () => clock,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      receive: async (topic, seconds) => {
        waits.push(seconds);
        clock += seconds * 1000;
        onWait(table, topic, seconds);
        return true;
      },
    },
  };
  return { log: createDurableDecisions(options), table, steps, waits };
}

describe("createDurableDecisions", () => {
  it("stores the request, waits on its topic, and returns the person's decision with who and when", async () => {
    const signature = { by: "ana@laptop", at: "2026-01-01T00:01:00.000Z" };
    let topic = "";
    const { log, table } = harness((rows, waitedOn) => {
      topic = waitedOn;
      for (const row of rows.values()) row.state = { type: "approved", remember: "session", signature };
    });
    const decided = await log.wait!("c1", request, new AbortController().signal);
    expect(decided).toEqual({
      decision: { type: "approved", remember: "session" },
      decidedBy: "user",
      signature,
    });
    const [stored] = table.values();
    expect(stored).toMatchObject({
      tool: "note",
      input: { text: "hi" },
      caller: "main",
      callKey: "main/1 > note",
    });
    expect(topic).toBe(approvalTopic(stored!.id));
  });

  it("denies with a note the model can read when the timeout passes, counted from the first request", async () => {
    const { log, waits } = harness(() => {}, 30_000);
    const decided = await log.wait!("c1", request, new AbortController().signal);
    expect(waits).toEqual([30]);
    expect(decided).toEqual({
      decision: { type: "denied", note: "nobody decided within 30s (timed out)" },
      decidedBy: "policy",
      signature: { by: "timeout", at: "2026-01-01T00:00:30.000Z" },
    });
  });

  it("finds a request decided while no process waited, without waiting", async () => {
    const { log, table, waits } = harness(() => {
      throw new Error("must not wait");
    });
    const id = approvalRequestId("llm-do/batch/b/1", "main/1 > note");
    table.set(id, {
      id,
      workflowId: "llm-do/batch/b/1",
      callKey: "main/1 > note",
      tool: "note",
      input: {},
      description: "",
      callPath: ["main", "note"],
      caller: "main",
      requestedAt: "2026-01-01T00:00:00.000Z",
      state: { type: "denied", note: "no", signature: { by: "bo", at: "2026-01-01T00:02:00.000Z" } },
    });
    const decided = await log.wait!("c1", request, new AbortController().signal);
    expect([decided.decision, waits]).toEqual([{ type: "denied", note: "no" }, []]);
  });

  it("records decisions as steps under the call's key and reads them back", async () => {
    const { log, steps } = harness(() => {});
    const decided = { decision: { type: "approved" as const }, decidedBy: "policy" as const };
    expect(log.recorded("c1")).toBeUndefined();
    await log.record("c1", decided);
    expect([...steps.keys()]).toEqual(["main/1 > note [approval]"]);
    expect(log.recorded("c1")).toEqual(decided);
  });

  it("stops waiting when the call is aborted", async () => {
    const controller = new AbortController();
    const { log } = harness(() => controller.abort());
    await expect(log.wait!("c1", request, controller.signal)).rejects.toMatchObject({ code: "ABORTED" });
  });
});
