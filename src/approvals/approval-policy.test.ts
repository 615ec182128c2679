import { describe, expect, test } from "vitest";
import { normalizePolicy } from "./approval-policy.js";
import type { ApprovalRequest } from "./approval-types.js";

const request: ApprovalRequest = {
  toolName: "write_file",
  input: { path: "a.md" },
  description: "Write 1 char to a.md",
  callPath: ["main", "write_file"],
  depth: 1,
};

describe("normalizePolicy", () => {
  test("approve_all approves, decided by policy, and does not fail the run", async () => {
    const policy = normalizePolicy("approve_all");
    expect(await policy.decide(request)).toEqual({ type: "approved" });
    expect(policy).toMatchObject({ decidedBy: "policy", failsRun: false });
  });

  test("reject_all denies with a note the model reads, and does not fail the run", async () => {
    const policy = normalizePolicy("reject_all");
    expect(await policy.decide(request)).toEqual({ type: "denied", note: "--reject-all" });
    expect(policy).toMatchObject({ decidedBy: "policy", failsRun: false });
  });

  test("fail denies, says how to allow it, and fails the run", async () => {
    const policy = normalizePolicy("fail");
    expect(await policy.decide(request)).toEqual({
      type: "denied",
      note: "use --approve-all to allow it in headless mode",
    });
    expect(policy).toMatchObject({ decidedBy: "policy", failsRun: true });
  });

  test("a function is a policy: it gets the request, may be sync or async", async () => {
    const seen: ApprovalRequest[] = [];
    const sync = normalizePolicy((given) => {
      seen.push(given);
      return { type: "denied", note: "sync" };
    });
    const async = normalizePolicy(async () => ({ type: "approved", remember: "session" }));
    expect(await sync.decide(request)).toEqual({ type: "denied", note: "sync" });
    expect(await async.decide(request)).toEqual({ type: "approved", remember: "session" });
    expect(seen).toEqual([request]);
    expect(sync).toMatchObject({ decidedBy: "policy", failsRun: false });
  });

  test("a prompt is a person: decided by user, denials go back to the model", async () => {
    const policy = normalizePolicy({
      prompt: async (given) => ({ type: "denied", note: given.description }),
    });
    expect(await policy.decide(request)).toEqual({ type: "denied", note: "Write 1 char to a.md" });
    expect(policy).toMatchObject({ decidedBy: "user", failsRun: false });
  });

  test("a resolver that throws synchronously rejects instead of throwing", async () => {
    const policy = normalizePolicy(() => {
      throw new Error("resolver broke");
    });
    await expect(policy.decide(request)).rejects.toThrow("resolver broke");
  });
});
