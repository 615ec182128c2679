import { describe, expect, test } from "vitest";
import { formatEntry } from "./format-recording.js";
import { parseRecording } from "./parse-recording.js";
import type { RecordingEntry } from "./recording.js";
import { describeCut, unfinishedEntry, unfinishedHeader } from "./unfinished-recording.js";

const entries: RecordingEntry[] = [
  { key: "main/1", response: { text: "line one\n# end of nothing\nline two\n" } },
  { key: "main/1 > helper/1", response: { tool_calls: [{ name: "read", input: { path: "a" } }] } },
];

/** The file a run appending `entries` leaves, and its length after each entry. */
function appended(file: string): { text: string; ends: number[] } {
  const isJsonLines = file.endsWith(".jsonl");
  let text = unfinishedHeader(isJsonLines);
  const ends: number[] = [];
  for (const entry of entries) {
    text += unfinishedEntry(formatEntry(entry, file), "key" in entry ? entry.key : "", isJsonLines);
    ends.push(text.length);
  }
  return { text, ends };
}

describe("unfinished recordings", () => {
  test("YAML: the whole entries are kept; the file says where it ends", () => {
    const { text } = appended("demo.replay");
    const recording = parseRecording(text, "demo.replay");
    expect([...recording.exchanges.values()]).toEqual(entries);
    const lines = text.split("\n");
    expect(recording.end).toEqual({ type: "cut", line: lines.length - 2, lastKey: "main/1 > helper/1" });
    expect(lines[recording.end.type === "cut" ? recording.end.line - 1 : 0]).toBe(
      "# end of main/1 > helper/1",
    );
  });

  test.each(["demo.replay", "demo.jsonl"])(
    "%s cut anywhere in the last entry: the entry is left out, with its line",
    (file) => {
      const { text, ends } = appended(file);
      const firstEnd = ends[0]!;
      const secondStartLine = text.slice(0, firstEnd).split("\n").length;
      // Every cut inside the second entry, short of its closing line.
      const lastWhole = file.endsWith(".jsonl")
        ? ends[1]! - 1
        : ends[1]! - "# end of main/1 > helper/1\n\n".length;
      for (let cut = firstEnd + 2; cut < lastWhole; cut += 7) {
        const recording = parseRecording(text.slice(0, cut), file);
        expect([...recording.exchanges.keys()], `cut at ${cut}`).toEqual(["main/1"]);
        expect(recording.end, `cut at ${cut}`).toMatchObject({
          type: "cut",
          lastKey: "main/1",
          partialLine: secondStartLine,
        });
      }
    },
  );

  test("cut before any entry: an empty recording that says so", () => {
    const recording = parseRecording(unfinishedHeader(false).slice(0, 40), "demo.replay");
    expect(recording.exchanges.size).toBe(0);
    expect(recording.end).toEqual({ type: "cut", line: 1 });
    expect(describeCut("demo.replay", { type: "cut", line: 1 })).toBe(
      "demo.replay is unfinished (the run that recorded it did not end): it holds no whole entry (it ends at line 1)",
    );
  });

  test("the message names the file, the line, the last key and the entry left out", () => {
    expect(
      describeCut("demo.replay", { type: "cut", line: 57, lastKey: "main/1 > a/2", partialLine: 59 }),
    ).toBe(
      "demo.replay is unfinished (the run that recorded it did not end): it ends at line 57, after main/1 > a/2; the entry cut short at line 59 was left out",
    );
  });

  test("a finished recording or a hand-written script is complete", () => {
    expect(parseRecording("- key: main/1\n  response: { text: hi }\n", "demo.replay").end).toEqual({
      type: "complete",
    });
  });
});
