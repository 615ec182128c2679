import { describe, expect, test } from "vitest";
import type { ApprovalRequest } from "../approvals/approval-types.js";
import { currentApproval, emptyApprovalQueue, enqueueApproval, settleApproval } from "./approval-queue.js";

const request: ApprovalRequest = {
  toolName: "write_file",
  input: {},
  description: "Write",
  callPath: ["main", "write_file"],
  depth: 1,
};

describe("approval queue", () => {
  test("numbers a batch as requests arrive and are settled, and restarts when it empties", () => {
    let queue = enqueueApproval(emptyApprovalQueue, { callId: "a", request });
    queue = enqueueApproval(queue, { callId: "b", request });
    expect(currentApproval(queue)).toMatchObject({ item: { callId: "a" }, index: 1, total: 2 });
    queue = settleApproval(queue, "a");
    queue = enqueueApproval(queue, { callId: "c", request });
    expect(currentApproval(queue)).toMatchObject({ item: { callId: "b" }, index: 2, total: 3 });
    queue = settleApproval(settleApproval(queue, "b"), "b");
    expect(currentApproval(queue)).toMatchObject({ item: { callId: "c" }, index: 3, total: 3 });
    queue = settleApproval(queue, "c");
    expect(currentApproval(queue)).toBeUndefined();
    queue = enqueueApproval(queue, { callId: "d", request });
    expect(currentApproval(queue)).toMatchObject({ index: 1, total: 1 });
  });

  test("a request that is not waiting settles nothing", () => {
    const queue = enqueueApproval(emptyApprovalQueue, { callId: "a", request });
    expect(settleApproval(queue, "zzz")).toBe(queue);
    expect(enqueueApproval(queue, { callId: "a", request })).toBe(queue);
  });
});
