import { describe, expect, it } from "vitest";
import { policyLabel, toApprovalDecision } from "./to-approval-decision.js";

const source = { label: "approval policy 'mine'", toolName: "write_file" };

describe("toApprovalDecision", () => {
  it.each([
    ["approve", { type: "approved" }],
    ["reject", { type: "denied", note: "rejected by the approval policy 'mine'" }],
    ["prompt", "prompt"],
    [{ type: "approved" }, { type: "approved" }],
    [
      { type: "approved", remember: "session" },
      { type: "approved", remember: "session" },
    ],
    [{ type: "approved", remember: undefined }, { type: "approved" }],
    [{ type: "denied" }, { type: "denied" }],
    [
      { type: "denied", note: "not today" },
      { type: "denied", note: "not today" },
    ],
  ])("reads %j", (answer, expected) => {
    expect(toApprovalDecision(answer, source)).toEqual(expected);
  });

  const expected =
    'expected "approve", "reject", "prompt", { type: "approved", remember?: "once" | "session" } or { type: "denied", note?: string }';
  it.each([
    ["aprove", '"aprove"'],
    ["APPROVE", '"APPROVE"'],
    ["approved", '"approved"'],
    [true, "true"],
    [5, "5"],
    [null, "null"],
    [undefined, "undefined (did it forget to return?)"],
    [{ type: "approve" }, '{"type":"approve"}'],
    [{ type: "approved", remember: "forever" }, '{"type":"approved","remember":"forever"}'],
    [{ type: "approved", rememebr: "session" }, '{"type":"approved","rememebr":"session"}'],
    [{ type: "denied", note: 5 }, '{"type":"denied","note":5}'],
    [() => "approve", "a function"],
  ])("rejects %j, naming the policy and the value", (answer, shown) => {
    expect(() => toApprovalDecision(answer, source)).toThrow(
      `Approval policy 'mine' answered ${shown} for write_file: ${expected}`,
    );
  });

  it("shortens a long value", () => {
    expect(() => toApprovalDecision({ type: "approved", extra: "x".repeat(200) }, source)).toThrow(
      /answered \{"type":"approved","extra":"x{50,}\.\.\. for write_file/,
    );
  });
});

describe("policyLabel", () => {
  it("names a named function and says what an anonymous one is", () => {
    function mine() {}
    expect(policyLabel("policy", mine)).toBe("approval policy 'mine'");
    expect(policyLabel("prompt", (() => () => {})())).toBe("approval prompt");
  });
});
