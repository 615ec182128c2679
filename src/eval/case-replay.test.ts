import { describe, expect, test } from "vitest";
import { parseRecording } from "../record/parse-recording.js";
import { CasePrefixes, caseRecording } from "./case-replay.js";

describe("CasePrefixes", () => {
  test("a case calls the target, its judges, the baseline and its judges, in order; repeats get #n", () => {
    const prefixes = new CasePrefixes("canopy");
    expect(["main", "grader", "main", "grader", "other"].map((name) => prefixes.next(name))).toEqual([
      "canopy > main",
      "canopy > grader",
      "canopy > main#2",
      "canopy > grader#2",
      "canopy > other",
    ]);
  });
});

describe("caseRecording", () => {
  const recording = parseRecording(
    `- key: canopy > main/1
  response: { tool_calls: [{ name: pitch_evaluator, input: { input: go } }] }
- key: canopy > main/1 > pitch_evaluator/1
  response: { text: report }
- approval: canopy > main/2 > write_file
  tool: write_file
  decision: approved
- key: canopy > main/2
  response: { text: done }
- key: canopy > main#2/1
  response: { text: baseline }
- key: canopy > main > helper/1
  response: { text: called from code }
- key: canopyx > main/1
  response: { text: another case }
- key: other > main/1
  response: { text: other case }
`,
    "cases.replay",
  );

  test("takes the part under the prefix and keys it from the run's entry", () => {
    const part = caseRecording(recording, "canopy > main", "main");
    expect(part.file).toBe("cases.replay (under 'canopy > main')");
    expect([...part.exchanges.keys()]).toEqual([
      "main/1",
      "main/1 > pitch_evaluator/1",
      "main/2",
      "main > helper/1",
    ]);
    expect(part.exchanges.get("main/1 > pitch_evaluator/1")).toEqual({
      key: "main/1 > pitch_evaluator/1",
      response: { text: "report" },
    });
    expect([...part.approvals.entries()]).toEqual([
      ["main/2 > write_file", { approval: "main/2 > write_file", tool: "write_file", decision: "approved" }],
    ]);
  });

  test("a second call of the same name has its own part", () => {
    const part = caseRecording(recording, "canopy > main#2", "main");
    expect([...part.exchanges.keys()]).toEqual(["main/1"]);
    expect(part.exchanges.get("main/1")?.response.text).toBe("baseline");
  });

  test("nothing under the prefix is an empty recording", () => {
    expect(caseRecording(recording, "missing > main", "main").exchanges.size).toBe(0);
  });
});
