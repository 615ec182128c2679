import { describe, expect, test } from "vitest";
import { AbortError, ModelCallError, NotFoundError } from "../errors.js";
import { errorRecord, formatErrorText } from "./format-error.js";
import { formatResult } from "./format-result.js";

describe("formatErrorText", () => {
  test("one line without --debug; Aborted for an abort", () => {
    expect(formatErrorText(new NotFoundError("Entry 'x' not found"), { debug: false })).toBe(
      "Error: Entry 'x' not found\n",
    );
    expect(formatErrorText(new AbortError(), { debug: false })).toBe("Aborted\n");
    expect(formatErrorText("plain", { debug: false })).toBe("Error: plain\n");
  });

  test("--debug adds the stack and its causes", () => {
    const error = new ModelCallError("outer", {}, { cause: new Error("inner") });
    const text = formatErrorText(error, { debug: true });
    expect(text.startsWith("Error: outer\nModelCallError: outer\n")).toBe(true);
    expect(text).toContain("Caused by: Error: inner");
  });
});

describe("errorRecord", () => {
  test("name, code, message, status and exit code", () => {
    expect(errorRecord(new ModelCallError("Overloaded", { status: 529 }), { debug: false })).toEqual({
      type: "error",
      error: { name: "ModelCallError", code: "MODEL_CALL", message: "Overloaded", status: 529 },
      exitCode: 1,
    });
    expect(errorRecord(new AbortError(), { debug: true }).error.stack).toContain("AbortError");
  });
});

describe("formatResult", () => {
  test("strings as they are with one newline; other values as JSON; nothing for undefined", () => {
    expect(formatResult("hi")).toBe("hi\n");
    expect(formatResult("hi\n")).toBe("hi\n");
    expect(formatResult({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(formatResult(null)).toBe("null\n");
    expect(formatResult(undefined)).toBe("");
  });
});
