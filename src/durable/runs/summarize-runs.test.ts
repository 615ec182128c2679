import { describe, expect, it } from "vitest";
import { groupOf, summarizeRuns, type WorkflowRow } from "./summarize-runs.js";

const usage = (requests: number) => ({
  inputTokens: 10 * requests,
  outputTokens: requests,
  totalTokens: 11 * requests,
  requests,
});

const item = (key: string, status: string, outcome?: "ok" | "error"): WorkflowRow => ({
  workflowID: `llm-do/batch/b1/${key}`,
  status,
  createdAt: Number(key),
  ...(outcome ? { output: { key, outcome, usage: usage(2), cost: { usd: 0.5, unpricedModels: [] } } } : {}),
});

describe("summarizeRuns", () => {
  it("adds a batch's items up: progress against its recorded size, failures, usage, cost, approvals", () => {
    const [batch] = summarizeRuns(
      [item("1", "SUCCESS", "ok"), item("2", "SUCCESS", "error"), item("3", "PENDING")],
      [{ id: "b1", resultsFile: "/p/out.jsonl", total: 5, updatedAt: "" }],
      new Map([["llm-do/batch/b1/3", 1]]),
    );
    expect(batch).toMatchObject({
      kind: "batch",
      id: "b1",
      status: "waiting",
      done: 2,
      failed: 1,
      total: 5,
      resultsFile: "/p/out.jsonl",
      usage: usage(4),
      cost: { usd: 1, unpricedModels: [] },
      pendingApprovals: 1,
    });
  });

  it("tells unfinished, interrupted, incomplete and finished apart", () => {
    const status = (rows: WorkflowRow[], total?: number) =>
      summarizeRuns(
        rows,
        total === undefined ? [] : [{ id: "b1", resultsFile: "f", total, updatedAt: "" }],
        new Map(),
      )[0]?.status;
    expect(status([item("1", "PENDING"), item("2", "CANCELLED")])).toBe("unfinished");
    expect(status([item("1", "SUCCESS", "ok"), item("2", "CANCELLED")])).toBe("interrupted");
    expect(status([item("1", "SUCCESS", "ok")], 2)).toBe("incomplete");
    expect(status([item("1", "SUCCESS", "ok")], 1)).toBe("finished");
  });

  it("keeps single runs apart and ignores workflows that are not llm-do's", () => {
    const runs = summarizeRuns(
      [
        { workflowID: "llm-do/run/abc", status: "CANCELLED", createdAt: 1 },
        { workflowID: "other", status: "SUCCESS", createdAt: 2 },
      ],
      [],
      new Map(),
    );
    expect(runs).toMatchObject([
      { kind: "run", id: "llm-do/run/abc", status: "interrupted", done: 0, total: 1 },
    ]);
    expect(groupOf("llm-do/batch/x/y/z")).toEqual({ kind: "batch", id: "x" });
  });
});
