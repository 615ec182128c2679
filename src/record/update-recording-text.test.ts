import { describe, expect, it } from "vitest";
import { parseRecording } from "./parse-recording.js";
import type { RecordingEntry } from "./recording.js";
import { updateRecordingText } from "./update-recording-text.js";

const instructions = "sha256:0123456789abcdef";

/** What a run recorded: two steps of main, with this run's requests (and approvals, ignored). */
const recorded: RecordingEntry[] = [
  {
    key: "main/1",
    request: { instructions, tools: ["add"], messages: [{ role: "user", text: "What is 2 + 3?" }] },
    response: {
      tool_calls: [{ name: "add", input: { a: 2, b: 3 } }],
      usage: { input_tokens: 10, output_tokens: 5 },
    },
  },
  {
    key: "main/2",
    request: { instructions, tools: ["add"], messages: [{ role: "tool", name: "add", output: 5 }] },
    response: { text: "5" },
  },
  { approval: "main/1 > add", tool: "add", decision: "approved", by: "policy" },
];

describe("updateRecordingText", () => {
  it("adds each exchange's request before its response and leaves everything else as written", () => {
    const original = [
      "# How 2 + 3 is computed.",
      "#   npx llm-do main.worker tools.ts --model replay:demo.replay 'What is 2 + 3?'",
      "- key: main/1",
      "  response:",
      "    tool_calls:",
      "      # The model asks for the sum.",
      "      - { name: add, input: { a: 2, b: 3 } }",
      "",
      "- key: main/2",
      "  response: { text: '5' }",
      "- key: main/3 # never reached",
      "  response: { text: unused }",
      "",
    ].join("\n");
    expect(updateRecordingText(original, recorded, "demo.replay")).toBe(
      [
        "# How 2 + 3 is computed.",
        "#   npx llm-do main.worker tools.ts --model replay:demo.replay 'What is 2 + 3?'",
        "- key: main/1",
        "  request:",
        `    instructions: ${instructions}`,
        "    tools: [ add ]",
        "    messages:",
        "      - { role: user, text: What is 2 + 3? }",
        "  response:",
        "    tool_calls:",
        "      # The model asks for the sum.",
        "      - { name: add, input: { a: 2, b: 3 } }",
        "",
        "- key: main/2",
        "  request:",
        `    instructions: ${instructions}`,
        "    tools: [ add ]",
        "    messages:",
        "      - { role: tool, name: add, output: 5 }",
        "  response: { text: '5' }",
        "- key: main/3 # never reached",
        "  response: { text: unused }",
        "",
      ].join("\n"),
    );
  });

  it("keeps the recorded fields that still match, with their comments, and replaces the rest", () => {
    const original = [
      "- key: main/1",
      "  request:",
      "    # The model this answer stands in for.",
      "    model: anthropic:claude-haiku-4-5",
      "    instructions: sha256:ffffffffffffffff",
      "    # Any order: tools are compared as a set.",
      "    tools: [add]",
      "  response: { tool_calls: [{ name: add, input: { a: 2, b: 3 } }] }",
      "- key: main/2",
      "  request:",
      "    # The result differs from machine to machine: only the tool is checked.",
      "    messages: [{ role: tool, name: add }]",
      "  response: { text: '5' }",
      "",
    ].join("\n");
    const updated = updateRecordingText(original, recorded, "demo.replay");
    expect(updated).toBe(
      [
        "- key: main/1",
        "  request:",
        "    # The model this answer stands in for.",
        "    model: anthropic:claude-haiku-4-5",
        `    instructions: ${instructions}`,
        "    # Any order: tools are compared as a set.",
        "    tools: [ add ]",
        "    messages:",
        "      - { role: user, text: What is 2 + 3? }",
        "  response: { tool_calls: [ { name: add, input: { a: 2, b: 3 } } ] }",
        "- key: main/2",
        "  request:",
        "    # The result differs from machine to machine: only the tool is checked.",
        "    messages: [ { role: tool, name: add } ]",
        `    instructions: ${instructions}`,
        "    tools: [ add ]",
        "  response: { text: '5' }",
        "",
      ].join("\n"),
    );
    expect(parseRecording(updated, "demo.replay").exchanges.get("main/1")?.request?.model).toBe(
      "anthropic:claude-haiku-4-5",
    );
  });

  it("removes a recorded field the run did not send (instructions of a worker that has none)", () => {
    const original = [
      "- key: main/1",
      `  request: { instructions: ${instructions} }`,
      "  response: { text: hi }",
      "",
    ];
    const withoutInstructions: RecordingEntry[] = [
      {
        key: "main/1",
        request: { tools: [], messages: [{ role: "user", text: "hi" }] },
        response: { text: "hi" },
      },
    ];
    const updated = parseRecording(
      updateRecordingText(original.join("\n"), withoutInstructions, "x.replay"),
      "x",
    );
    expect(updated.exchanges.get("main/1")?.request).toEqual({
      tools: [],
      messages: [{ role: "user", text: "hi" }],
    });
  });

  it("writes long or multi-line messages as blocks", () => {
    const long = "x".repeat(120);
    const entries: RecordingEntry[] = [
      {
        key: "main/1",
        request: {
          messages: [
            { role: "tool", name: "read_file", output: long },
            { role: "tool", name: "read_file", output: "two\nlines" },
          ],
        },
        response: { text: "ok" },
      },
    ];
    const updated = updateRecordingText("- key: main/1\n  response: { text: ok }\n", entries, "x.replay");
    expect(updated).toContain(`      - role: tool\n        name: read_file\n        output: ${long}\n`);
    expect(updated).toContain("        output: |-\n          two\n          lines\n");
  });

  it("JSON lines: each exchange line gets its request; other lines stay as they are", () => {
    const original = [
      JSON.stringify({ key: "main/1", response: { tool_calls: [{ name: "add", input: { a: 2, b: 3 } }] } }),
      "",
      JSON.stringify({ approval: "main/1 > add", tool: "add", decision: "approved" }),
      JSON.stringify({
        key: "main/2",
        request: { model: "anthropic:claude-haiku-4-5" },
        response: { text: "5" },
      }),
      "",
    ].join("\n");
    const lines = updateRecordingText(original, recorded, "demo.jsonl").split("\n");
    expect(lines.map((line) => (line === "" ? "" : JSON.parse(line)))).toEqual([
      {
        key: "main/1",
        request: (recorded[0] as { request: object }).request,
        response: JSON.parse(original.split("\n")[0]!).response,
      },
      "",
      { approval: "main/1 > add", tool: "add", decision: "approved" },
      {
        key: "main/2",
        request: { model: "anthropic:claude-haiku-4-5", ...(recorded[1] as { request: object }).request },
        response: { text: "5" },
      },
      "",
    ]);
  });
});
