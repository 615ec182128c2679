import { describe, expect, test } from "vitest";
import { compareRequest } from "./compare-request.js";

describe("compareRequest", () => {
  const actual = {
    instructions: "sha256:1111111111111111",
    tools: ["read_file", "write_file"],
    messages: [{ role: "tool" as const, name: "read_file", output: { content: "new" } }],
  };

  test("no recorded request (a hand-written script): nothing to compare", () => {
    expect(compareRequest(undefined, actual)).toEqual([]);
  });

  test("only the recorded fields are compared", () => {
    expect(compareRequest({ tools: ["write_file", "read_file"].sort() }, actual)).toEqual([]);
  });

  test("instructions, tools and messages", () => {
    expect(
      compareRequest(
        {
          instructions: "sha256:2222222222222222",
          tools: ["read_file", "list_files"],
          messages: [{ role: "tool", name: "read_file", output: { content: "old" } }],
        },
        actual,
      ),
    ).toEqual([
      "the instructions changed (recorded sha256:2222222222222222, now sha256:1111111111111111)",
      "the tools changed: added write_file; removed list_files",
      [
        "the result of tool 'read_file' differs:",
        '    recorded: {"role":"tool","name":"read_file","output":{"content":"old"}}',
        '    actual:   {"role":"tool","name":"read_file","output":{"content":"new"}}',
      ].join("\n"),
    ]);
  });

  test("a missing message is named", () => {
    expect(compareRequest({ messages: [] }, actual)[0]).toContain("recorded: (none)");
  });
});
