import { describe, expect, test } from "vitest";
import { formatRecording } from "./format-recording.js";
import { parseRecording } from "./parse-recording.js";
import type { RecordingEntry } from "./recording.js";

const entries: RecordingEntry[] = [
  {
    key: "main/1",
    request: {
      instructions: "sha256:0123456789abcdef",
      tools: ["a"],
      messages: [{ role: "user", text: "yes\nno" }],
    },
    response: { text: "line one\nline two\n", tool_calls: [{ name: "a", input: { n: "42" } }] },
  },
  { approval: "main/1 > a", tool: "a", decision: "approved", by: "user" },
];

describe("formatRecording", () => {
  test.each(["demo.replay", "demo.jsonl"])("%s reads back the same", (file) => {
    const recording = parseRecording(formatRecording(entries, file), file);
    expect([...recording.exchanges.values()]).toEqual([entries[0]]);
    expect([...recording.approvals.values()]).toEqual([entries[1]]);
  });

  test("YAML keeps multi-line text as block scalars and strings that look like numbers quoted", () => {
    const text = formatRecording(entries, "demo.replay");
    expect(text).toContain("text: |\n      line one\n      line two\n");
    expect(text).toContain('n: "42"');
  });
});
