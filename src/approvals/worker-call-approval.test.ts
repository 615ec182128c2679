import { describe, expect, it } from "vitest";
import { classifyCall } from "./classify-call.js";
import { workerCallApproval } from "./worker-call-approval.js";

const asking = { name: "evaluator", attachmentApproval: true };
const free = { name: "evaluator", attachmentApproval: false };
const withFiles = { input: "Evaluate.", attachments: ["input/a.pdf", "input/b.png"] };

describe("workerCallApproval", () => {
  it("asks for calls that pass attachments to a worker with attachment_approval", () => {
    expect(workerCallApproval(asking, withFiles)).toBe(
      "sends 2 attachments to worker 'evaluator': input/a.pdf, input/b.png",
    );
    expect(workerCallApproval(asking, { input: "x", attachments: ["a.pdf"] })).toBe(
      "sends 1 attachment to worker 'evaluator': a.pdf",
    );
  });

  it("lets calls without attachments, and workers without the setting, run freely", () => {
    expect(workerCallApproval(asking, { input: "x" })).toBe(false);
    expect(workerCallApproval(asking, { input: "x", attachments: [] })).toBe(false);
    expect(workerCallApproval(asking, "a prompt")).toBe(false);
    expect(workerCallApproval(free, withFiles)).toBe(false);
  });

  it("is what the classifier starts from; the caller's _approval_config still decides", async () => {
    const target = (override?: { pre_approved?: boolean; approval_required?: boolean }) => ({
      name: "evaluator",
      kind: "worker" as const,
      tool: { needsApproval: (input: unknown) => workerCallApproval(asking, input) },
      ...(override ? { override } : {}),
    });
    expect(await classifyCall(target(), withFiles)).toEqual({
      type: "needs-approval",
      reason: "sends 2 attachments to worker 'evaluator': input/a.pdf, input/b.png",
    });
    expect(await classifyCall(target({ pre_approved: true }), withFiles)).toEqual({ type: "pre-approved" });
    expect(await classifyCall(target(), { input: "x" })).toEqual({ type: "pre-approved" });
    expect(await classifyCall(target({ approval_required: true }), { input: "x" })).toMatchObject({
      type: "needs-approval",
    });
  });
});
