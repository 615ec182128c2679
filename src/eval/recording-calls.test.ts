import { describe, expect, test } from "vitest";
import { parseRecording } from "../record/parse-recording.js";
import { recordingCalls } from "./recording-calls.js";

// A recording as --record writes it (requests included), trimmed to what matters here.
const RECORDED = `
- key: main/1
  request:
    messages:
      - { role: user, text: Summarise the data into a note. }
  response:
    text: Let me ask two analyzers.
    tool_calls:
      - { name: analyzer, input: { input: check data.txt } }
      - { name: analyzer, input: { input: check more.txt } }
- key: main/1 > analyzer/1
  request:
    messages:
      - { role: user, text: check data.txt }
  response:
    tool_calls:
      - { name: read_data, input: {} }
- key: main/1 > analyzer/2
  request:
    messages:
      - { role: tool, name: read_data, output: "the answer is 42\\n" }
  response:
    text: The data says 42.
- key: main/1 > analyzer#2/1
  request:
    messages:
      - { role: user, text: check more.txt }
  response:
    text: More says 43.
- key: main/2
  request:
    messages:
      - { role: tool, name: analyzer, output: The data says 42. }
      - { role: tool, name: analyzer, output: { summary: More says 43. } }
  response:
    tool_calls:
      - { name: write_note, input: { text: "42" } }
      - { name: write_note, input: { text: "43" } }
      - { name: lookup, input: { q: x } }
- key: main/3
  request:
    messages:
      - { role: tool, name: write_note, denied: not now }
      - { role: tool, name: write_note, output: { error: disk full, tool_name: write_note, error_type: tool_error } }
      - { role: tool, name: lookup, error: no such tool }
  response:
    text: Saved the note.
- key: main/3 > review_all > reviewer/1
  request:
    messages:
      - { role: user, text: Review this., files: [{ media_type: application/pdf, hash: "sha256:00" }] }
  response: { text: Fine. }
`;

describe("recordingCalls", () => {
  const calls = recordingCalls(parseRecording(RECORDED, "run.replay"));
  const byKey = new Map(calls.map((call) => [call.key, call]));

  test("finds every worker call and every call a model made, in call-tree order", () => {
    expect(calls.map((call) => [call.key, call.path.join(" > ")])).toEqual([
      ["main", "main"],
      ["main/1 > analyzer", "main > analyzer"],
      ["main/1 > analyzer#2", "main > analyzer"],
      ["main/1 > analyzer/1 > read_data", "main > analyzer > read_data"],
      ["main/2 > write_note", "main > write_note"],
      ["main/2 > write_note#2", "main > write_note"],
      ["main/2 > lookup", "main > lookup"],
      ["main/3 > review_all > reviewer", "main > review_all > reviewer"],
    ]);
  });

  test("the entry: its first request's text in, its last answer out", () => {
    expect(byKey.get("main")).toMatchObject({
      type: "known",
      input: "Summarise the data into a note.",
      output: "Saved the note.",
    });
  });

  test("a call the model made: the tool call's input in, the result in the caller's next request out", () => {
    expect(byKey.get("main/1 > analyzer")).toMatchObject({
      type: "known",
      input: { input: "check data.txt" },
      output: "The data says 42.",
    });
    // The second call of the same name gets the second result of that name, as the caller saw it.
    expect(byKey.get("main/1 > analyzer#2")).toMatchObject({
      type: "known",
      input: { input: "check more.txt" },
      output: { summary: "More says 43." },
    });
    expect(byKey.get("main/1 > analyzer/1 > read_data")).toMatchObject({
      type: "known",
      input: {},
      output: "the answer is 42\n",
    });
  });

  test("says why a call cannot be known", () => {
    const why = (key: string) => {
      const call = byKey.get(key);
      return call?.type === "unknown" ? call.why : call;
    };
    expect(why("main/2 > write_note")).toBe("it was denied");
    expect(why("main/2 > write_note#2")).toBe("it failed: disk full");
    expect(why("main/2 > lookup")).toBe("it failed: no such tool");
    expect(why("main/3 > review_all > reviewer")).toBe(
      "it was called by code with attachments, which a recording keeps as hashes, not paths (take the cases from a --trace file)",
    );
  });

  test("a hand-written script: calls made by a model are known, the entry's input is not", () => {
    const calls = recordingCalls(
      parseRecording(
        `- key: main/1
  response: { tool_calls: [{ name: analyzer, input: { input: go } }] }
- key: main/1 > analyzer/1
  response: { text: went }
- key: main/2
  response: { text: done }
`,
        "demo.replay",
      ),
    );
    expect(
      calls.map((call) =>
        call.type === "known" ? [call.key, call.input, call.output] : [call.key, call.why],
      ),
    ).toEqual([
      ["main", "its input is not in the recording (the request of main/1 was not recorded)"],
      // No request recorded for main/2: the worker's last answer is its output.
      ["main/1 > analyzer", { input: "go" }, "went"],
    ]);
  });

  test("a call whose last answer still asks for tools did not finish", () => {
    const [call] = recordingCalls(
      parseRecording(
        "- key: main/1\n  request: { messages: [{ role: user, text: go }] }\n  response: { tool_calls: [{ name: x }] }\n",
        "r.replay",
      ),
    );
    expect(call).toMatchObject({
      type: "unknown",
      why: "its last recorded answer calls tools: the call did not finish",
    });
  });
});
