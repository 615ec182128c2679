import { describe, expect, test } from "vitest";
import { formatStderrTail } from "./format-stderr-tail.js";

describe("formatStderrTail", () => {
  test("indents the last non-blank lines", () => {
    expect(formatStderrTail("one\r\n\ntwo  \nthree\n", { maxLines: 2 })).toBe(
      "\n  stderr| two\n  stderr| three",
    );
  });

  test("is empty when there is nothing to show", () => {
    expect(formatStderrTail(" \n\n")).toBe("");
  });
});
