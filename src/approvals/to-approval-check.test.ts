import { describe, expect, it } from "vitest";
import { classifyCall } from "./classify-call.js";
import { parseApprovalCheck, toApprovalCheck } from "./to-approval-check.js";

describe("parseApprovalCheck", () => {
  it.each([
    [true, { type: "needs-approval" }],
    [false, { type: "pre-approved" }],
    ["writes files", { type: "needs-approval", reason: "writes files" }],
    [{ type: "needs-approval" }, { type: "needs-approval" }],
    [
      { type: "needs-approval", reason: "r" },
      { type: "needs-approval", reason: "r" },
    ],
    [{ type: "pre-approved" }, { type: "pre-approved" }],
    [
      { type: "blocked", reason: "never" },
      { type: "blocked", reason: "never" },
    ],
  ])("reads %j", (value, expected) => {
    expect(parseApprovalCheck(value)).toEqual(expected);
  });

  it.each([
    5,
    null,
    undefined,
    [],
    {},
    { type: "blocked" },
    { type: "approved" },
    { type: "pre-approved", reason: 1 },
  ])("refuses %j", (value) => {
    expect(parseApprovalCheck(value)).toBeUndefined();
  });
});

describe("toApprovalCheck", () => {
  it("names the tool and the value", () => {
    expect(() => toApprovalCheck(5, "delete_all")).toThrow(
      `needsApproval of tool 'delete_all' returned 5: expected true, false, a reason string, { type: "needs-approval", reason? }, { type: "pre-approved" } or { type: "blocked", reason }`,
    );
  });
});

describe("classifyCall", () => {
  it("a needsApproval function that returns nothing is an error, not a silent approval", async () => {
    const tool = { needsApproval: () => undefined as never };
    await expect(classifyCall({ name: "delete_all", kind: "tool", tool }, {})).rejects.toThrow(
      "needsApproval of tool 'delete_all' returned undefined: expected",
    );
  });
});
