import { describe, expect, test } from "vitest";
import { parseRecording } from "./parse-recording.js";

describe("parseRecording", () => {
  test("YAML: exchanges by normalised key, approvals by call key", () => {
    const recording = parseRecording(
      [
        "- key: main/1>analyzer#1/2",
        "  response: { text: hi }",
        "- approval: main/1 > write_file",
        "  tool: write_file",
        "  decision: denied",
        "",
      ].join("\n"),
      "demo.replay",
    );
    expect([...recording.exchanges.keys()]).toEqual(["main/1 > analyzer/2"]);
    expect(recording.exchanges.get("main/1 > analyzer/2")?.response.text).toBe("hi");
    expect(recording.approvals.get("main/1 > write_file")?.decision).toBe("denied");
  });

  test("an empty file is an empty recording", () => {
    expect(parseRecording("# nothing yet\n", "empty.replay").exchanges.size).toBe(0);
  });

  test("JSON lines, chosen by the extension", () => {
    const text = `${JSON.stringify({ key: "main/1", response: { tool_calls: [{ name: "ls" }] } })}\n\n`;
    const recording = parseRecording(text, "demo.jsonl");
    expect(recording.exchanges.get("main/1")?.response.tool_calls).toEqual([{ name: "ls" }]);
  });

  test.each([
    [
      "- key: main/1\n  respons: { text: hi }\n",
      "demo.replay:1:3: unknown field 'respons' (did you mean 'response'?)",
    ],
    ["- key: main/1\n", "demo.replay:1:3: missing field 'response'"],
    [
      "- key: main/1\n  response:\n    tool_calls:\n      - nme: x\n",
      "demo.replay:4:9: unknown field 'nme' (did you mean 'name'?)",
    ],
    [
      "- key: main/1\n  response:\n    usage: { input_tokens: -1, output_tokens: 2 }\n",
      "demo.replay:3:14: 'response.usage.input_tokens': Too small: expected number to be >=0",
    ],
    [
      "key: main/1\n",
      "demo.replay:1:1: a replay file is a list of entries ('- key: main/1' with a 'response'), got a mapping",
    ],
    [
      "- key: [unclosed\n",
      "demo.replay:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    [
      "- key: main/1\n  response: {}\n- key: main/1\n  response: {}\n",
      "demo.replay:3:3: duplicate key 'main/1'",
    ],
  ])("errors name the line and column: %j", (text, message) => {
    expect(() => parseRecording(text, "demo.replay")).toThrow(message);
  });

  test("JSON lines errors name the line", () => {
    expect(() => parseRecording('{"key":"main/1","response":{}}\n{oops\n', "demo.jsonl")).toThrow(
      /^demo\.jsonl:2:1: invalid JSON/,
    );
  });

  test("item by item, errors in a later item still name its line and column", () => {
    const text = [
      "# a recording",
      "- key: main/1",
      "  response: { text: hi }",
      "",
      "- key: main/2",
      "  response:",
      "    tool_calls:",
      "      - name: a",
      "        inptu: {}",
      "",
    ].join("\n");
    expect(() => parseRecording(text, "demo.replay")).toThrow(
      "demo.replay:8:9: unknown field 'inptu' (did you mean 'input'?)",
    );
  });

  test("other shapes of YAML list (a flow list, aliases across items) are read as one document", () => {
    const flow = parseRecording("[{key: main/1, response: {text: hi}}]\n", "demo.replay");
    expect(flow.exchanges.get("main/1")?.response.text).toBe("hi");
    const aliased = parseRecording(
      "- key: main/1\n  response: &same { text: hi }\n- key: main/2\n  response: *same\n",
      "demo.replay",
    );
    expect(aliased.exchanges.get("main/2")?.response.text).toBe("hi");
  });

  test("an unfinished JSON lines recording: a bad line before the last is still an error", () => {
    const header = '{"unfinished":"llm-do recording, unfinished"}\n';
    expect(() => parseRecording(`${header}{oops\n{"key":"main/1","response":{}}\n`, "demo.jsonl")).toThrow(
      /^demo\.jsonl:2:1: invalid JSON/,
    );
  });
});
