/**
 * Every example's demo.replay records what each request must send (the worker's instructions,
 * its tools, the messages: the input, then the tool results), so that a changed prompt,
 * instruction or tool result is drift and not a silent pass. Refresh them by recording onto
 * themselves (docs/testing.md, "Recording onto the replayed file").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecording } from "../../src/record/parse-recording.js";
import type { Recording } from "../../src/record/recording.js";
import { exampleNames } from "./example-commands.js";
import { exampleDir } from "./example-support.js";

/** The exchanges of `recording` whose request leaves out a field a replay should check. */
function uncheckedExchanges(recording: Recording): string[] {
  return [...recording.exchanges.values()].flatMap(({ key, request }) => {
    const missing = (["instructions", "tools", "messages"] as const).filter(
      (field) => request?.[field] === undefined || (field === "messages" && request.messages?.length === 0),
    );
    return missing.length > 0 ? [`${key} (no ${missing.join(", ")})`] : [];
  });
}

/**
 * Replays of `llm-do eval` runs (each case's runs keyed under the case's name), which cannot be
 * recorded onto yet: their requests are written by hand where they matter.
 */
const EVAL_REPLAYS = new Set(["pitchdeck_evals"]);

describe("the examples' replays", () => {
  it.each(exampleNames.filter((name) => !EVAL_REPLAYS.has(name)))(
    "examples/%s/demo.replay checks every request",
    (example) => {
      const file = path.join(exampleDir(example), "demo.replay");
      expect(uncheckedExchanges(parseRecording(readFileSync(file, "utf8"), file))).toEqual([]);
    },
  );

  it("a script with only keys and responses, or a part of a request, is refused", () => {
    const script = [
      "- key: main/1",
      "  response: { tool_calls: [{ name: add, input: { a: 2, b: 3 } }] }",
      "- key: main/2",
      "  request: { tools: [add], messages: [{ role: tool, name: add, output: 5 }] }",
      "  response: { text: '5' }",
      "- key: main/3",
      "  request: { instructions: 'sha256:0123456789abcdef', tools: [], messages: [] }",
      "  response: { text: '5' }",
    ].join("\n");
    expect(uncheckedExchanges(parseRecording(script, "demo.replay"))).toEqual([
      "main/1 (no instructions, tools, messages)",
      "main/2 (no instructions)",
      "main/3 (no messages)",
    ]);
  });
});
