import { describe, expect, test } from "vitest";
import { ApprovalSession } from "./approval-session.js";

describe("ApprovalSession", () => {
  test("remembers an exact tool and arguments, whatever the key order, at every level", () => {
    const session = new ApprovalSession();
    session.remember("write_file", { path: "a.md", options: { mode: 1, append: true } });
    expect(session.has("write_file", { options: { append: true, mode: 1 }, path: "a.md" })).toBe(true);
  });

  test("another argument value, type, or extra key is another call", () => {
    const session = new ApprovalSession();
    session.remember("write_file", { n: 1 });
    expect(session.has("write_file", { n: 2 })).toBe(false);
    expect(session.has("write_file", { n: "1" })).toBe(false);
    expect(session.has("write_file", { n: 1, m: 2 })).toBe(false);
    expect(session.has("write_file", {})).toBe(false);
  });

  test("another tool with the same arguments is another call", () => {
    const session = new ApprovalSession();
    session.remember("write_file", { path: "a.md" });
    expect(session.has("delete_file", { path: "a.md" })).toBe(false);
  });

  test("array order matters", () => {
    const session = new ApprovalSession();
    session.remember("shell", { argv: ["rm", "a"] });
    expect(session.has("shell", { argv: ["rm", "a"] })).toBe(true);
    expect(session.has("shell", { argv: ["a", "rm"] })).toBe(false);
  });

  test("a tool name cannot run into the arguments", () => {
    const session = new ApprovalSession();
    session.remember("a", 12);
    expect(session.has("a", 12)).toBe(true);
    expect(session.has("a1", 2)).toBe(false);
  });

  test("sessions are independent", () => {
    const first = new ApprovalSession();
    first.remember("write_file", {});
    expect(new ApprovalSession().has("write_file", {})).toBe(false);
  });
});
