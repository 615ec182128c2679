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

  test("a tool message without a result checks only which tool answered", () => {
    expect(compareRequest({ messages: [{ role: "tool", name: "read_file" }] }, actual)).toEqual([]);
    const errored = { messages: [{ role: "tool" as const, name: "read_file", error: "ENOENT" }] };
    expect(compareRequest({ messages: [{ role: "tool", name: "read_file" }] }, errored)).toEqual([]);
    expect(compareRequest({ messages: [{ role: "tool", name: "list_files" }] }, actual)).toEqual([
      [
        "the result of tool 'read_file' differs:",
        '    recorded: {"role":"tool","name":"list_files"}',
        '    actual:   {"role":"tool","name":"read_file","output":{"content":"new"}}',
      ].join("\n"),
    ]);
    // A recorded error is a result: an output in its place is drift.
    expect(
      compareRequest({ messages: [{ role: "tool", name: "read_file", error: "ENOENT" }] }, actual),
    ).toHaveLength(1);
  });

  test("a user message is compared whole: a file added to it is drift", () => {
    const withFile = {
      messages: [
        {
          role: "user" as const,
          text: "go",
          files: [{ media_type: "image/png", hash: "sha256:0000000000000000" }],
        },
      ],
    };
    expect(compareRequest({ messages: [{ role: "user", text: "go" }] }, withFile)).toHaveLength(1);
  });

  test("a missing message is named", () => {
    expect(compareRequest({ messages: [] }, actual)[0]).toContain("recorded: (none)");
  });
});
