import { describe, expect, test } from "vitest";
import { parseTraceArguments } from "./run-trace-command.js";

describe("parseTraceArguments", () => {
  test("a file, with or without --html", () => {
    expect(parseTraceArguments(["run.json"])).toEqual({ type: "show", file: "run.json" });
    expect(parseTraceArguments(["run.json", "--html", "out.html"])).toEqual({
      type: "show",
      file: "run.json",
      html: "out.html",
    });
    expect(parseTraceArguments(["--html=out.html", "run.json"])).toMatchObject({ html: "out.html" });
    expect(parseTraceArguments(["--help"])).toEqual({ type: "help" });
  });

  test.each([
    [[], "no trace file given (see llm-do trace --help)"],
    [["a.json", "b.json"], "one trace file at a time (got a.json, b.json) (see llm-do trace --help)"],
    [["a.json", "--html"], "option '--html <out>' needs a file name (see llm-do trace --help)"],
    [["a.json", "--open"], "unknown option '--open' (see llm-do trace --help)"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseTraceArguments(argv)).toThrow(message);
  });
});
