import { writeFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/index.js";
import { llmDo, SHOUT_WORKER, TOOLS } from "./eval-cli.js";

// main asks the shout worker twice, in parallel; the second call's result is denied-free text.
const MAIN = `---
name: main
model: anthropic:claude-haiku-4-5
toolsets:
  shout: {}
---
Shout each word with the shout worker.
`;
const SCRIPT = `- key: main/1
  response:
    tool_calls:
      - { name: shout, input: { input: hello } }
      - { name: shout, input: { input: bye } }
- key: main/1 > shout/1
  response: { text: HELLO! }
- key: main/1 > shout#2/1
  response: { text: BYE! }
- key: main/2
  response: { text: "HELLO! BYE!" }
`;

async function recordedProject() {
  const project = await tempProject({
    "main.worker": MAIN,
    "shout.worker": SHOUT_WORKER,
    "tools.ts": TOOLS,
    "demo.replay": SCRIPT,
  });
  const recorded = await llmDo(project.dir, [
    "main.worker",
    "shout.worker",
    "hello and bye",
    "--model",
    "replay:demo.replay",
    "--record",
    "run.replay",
    "--trace",
    "run.json",
  ]);
  expect(recorded.code).toBe(0);
  return project;
}

describe("llm-do eval cases-from", () => {
  test("a recorded worker's calls become cases, and the tool hardened from it passes them", async () => {
    await using project = await recordedProject();
    const made = await llmDo(project.dir, ["eval", "cases-from", "run.replay", "--call", "shout"]);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toBe(`# Made with: llm-do eval cases-from run.replay --call shout
# Each case is a recorded call of 'shout': its input, and what it returned as
# 'expected' (a case without checks must equal it). Add checks as you need: contains,
# matches, json_schema, predicate, judge. Format: docs/evals.md.
target: shout
cases:
  - name: shout-1
    input:
      input: hello
    expected: HELLO!
    from: "run.replay: main/1 > shout"
  - name: shout-2
    input:
      input: bye
    expected: BYE!
    from: "run.replay: main/1 > shout#2"
`);
    await writeFile(project.path("cases.yaml"), made.stdout);
    const evaluated = await llmDo(project.dir, ["eval", "tools.ts", "--cases", "cases.yaml"]);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain("2 cases against shout (tool): 2 passed");
  });

  test("the same cases from the run's trace", async () => {
    await using project = await recordedProject();
    const fromTrace = await llmDo(project.dir, ["eval", "cases-from", "run.json", "--call", "main > shout"]);
    expect(fromTrace.code).toBe(0);
    expect(fromTrace.stdout).toMatch(
      /^# Made with: llm-do eval cases-from run\.json --call 'main > shout'\n/,
    );
    expect(fromTrace.stdout).toContain(
      '  - name: shout-1\n    input:\n      input: hello\n    expected: HELLO!\n    from: "run.json: main > shout"\n',
    );
    expect(fromTrace.stdout).toContain(
      "  - name: shout-2\n    input:\n      input: bye\n    expected: BYE!\n",
    );
  });

  test("without --call, the entry: the prompt in, the answer out", async () => {
    await using project = await recordedProject();
    const made = await llmDo(project.dir, ["eval", "cases-from", "run.replay"]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(
      "target: main\ncases:\n  - name: main-1\n    input: hello and bye\n    expected: HELLO! BYE!\n",
    );
  });

  test("calls that cannot become cases are listed on stderr; no matching call is an error listing the calls", async () => {
    await using project = await recordedProject();
    // The hand-written script holds no request for main/1: the entry's prompt is not in it.
    const fromScript = await llmDo(project.dir, ["eval", "cases-from", "demo.replay"]);
    expect(fromScript).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: demo.replay: no call of 'main' can become a case (main: its input is not in the recording (the request of main/1 was not recorded))\n",
    });
    const noMatch = await llmDo(project.dir, ["eval", "cases-from", "run.replay", "--call", "whisper"]);
    expect(noMatch.code).toBe(1);
    expect(noMatch.stderr).toBe(
      "Error: run.replay: no recorded call matches 'whisper' (calls: main, main/1 > shout, main/1 > shout#2)\n",
    );
  });

  test("a file that is neither a recording nor a trace", async () => {
    await using project = await tempProject({ "notes.json": '{"a":1}', "notes.replay": "key: x\n" });
    expect((await llmDo(project.dir, ["eval", "cases-from", "notes.json"])).stderr).toBe(
      "Error: notes.json is not an llm-do trace (write one with --trace FILE)\n",
    );
    expect((await llmDo(project.dir, ["eval", "cases-from", "notes.replay"])).stderr).toBe(
      "Error: notes.replay:1:1: a replay file is a list of entries ('- key: main/1' with a 'response'), got a mapping\n",
    );
  });
});
