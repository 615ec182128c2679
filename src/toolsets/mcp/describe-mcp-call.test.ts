import { describe, expect, test } from "vitest";
import { describeMcpCall } from "./describe-mcp-call.js";

describe("describeMcpCall", () => {
  test("shows server, tool and compact JSON arguments", () => {
    expect(describeMcpCall({ serverName: "notes", toolName: "add_note", input: { text: "buy milk" } })).toBe(
      'notes.add_note({"text":"buy milk"})',
    );
  });

  test("shows empty parentheses for no arguments", () => {
    expect(describeMcpCall({ serverName: "notes", toolName: "list_notes", input: {} })).toBe(
      "notes.list_notes()",
    );
    expect(describeMcpCall({ serverName: "notes", toolName: "list_notes", input: undefined })).toBe(
      "notes.list_notes()",
    );
  });

  test("cuts long arguments with an ellipsis", () => {
    const description = describeMcpCall({
      serverName: "notes",
      toolName: "add_note",
      input: { text: "x".repeat(200) },
      maxArgumentsLength: 20,
    });
    expect(description).toBe('notes.add_note({"text":"xxxxxxxxxx…)');
  });

  test("falls back to String() for values JSON cannot show", () => {
    expect(describeMcpCall({ serverName: "s", toolName: "t", input: 10n })).toBe("s.t(10)");
  });
});
