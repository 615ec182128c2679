import { describe, expect, test } from "vitest";
import { parseCasesFile } from "./parse-cases-file.js";

const YAML = `target: summarize
checks:
  - matches: "^[A-Z]"
cases:
  - name: short
    input: Summarise this.
    expected: Done.
  - name: structured
    input: { text: hello, attachments: [a.pdf] }
    checks:
      - contains: hello
        ignore_case: true
      - json_schema: { type: object, required: [summary] }
      - predicate: ./checks.ts#isShort
      - judge: grader
        criteria: Is it short?
    from: "run.replay: main/1 > summarize"
  - input: no name
`;

describe("parseCasesFile", () => {
  test("reads the target, the cases, their checks, and the shared checks", () => {
    const file = parseCasesFile(YAML, "cases.yaml");
    expect(file.target).toBe("summarize");
    expect(file.cases.map((item) => [item.name, item.where])).toEqual([
      ["short", "cases.yaml:5:5"],
      ["structured", "cases.yaml:8:5"],
      ["case-3", "cases.yaml:18:5"],
    ]);
    const [short, structured, unnamed] = file.cases;
    // No checks of its own, but an expected value: it must equal it. Shared checks come last.
    expect(short!.checks.map((check) => check.type)).toEqual(["equals", "matches"]);
    expect(short!.checks[0]).toEqual({ type: "equals", value: "Done." });
    expect(short!.expected).toEqual({ value: "Done." });
    expect(structured!.input).toEqual({ text: "hello", attachments: ["a.pdf"] });
    expect(structured!.from).toBe("run.replay: main/1 > summarize");
    expect(structured!.checks.map((check) => check.type)).toEqual([
      "contains",
      "json-schema",
      "predicate",
      "judge",
      "matches",
    ]);
    expect(structured!.checks[0]).toEqual({ type: "contains", text: "hello", ignoreCase: true });
    expect(structured!.checks[2]).toEqual({
      type: "predicate",
      reference: "./checks.ts#isShort",
      where: "cases.yaml:14:9",
    });
    expect(structured!.checks[3]).toEqual({ type: "judge", worker: "grader", criteria: "Is it short?" });
    expect(unnamed!.checks.map((check) => check.type)).toEqual(["matches"]);
    expect(unnamed!.expected).toBeUndefined();
  });

  test("compiles regular expressions with their flags and JSON Schemas", () => {
    const file = parseCasesFile(
      `cases:\n  - input: x\n    checks:\n      - matches: "verdict: (go|pass)"\n        flags: i\n      - json_schema: { type: object, properties: { n: { type: integer, minimum: 2 } }, required: [n] }\n`,
      "c.yaml",
    );
    const [matches, schema] = file.cases[0]!.checks;
    expect(matches).toMatchObject({ type: "matches", pattern: /verdict: (go|pass)/i });
    if (schema?.type !== "json-schema") throw new Error("expected a json-schema check");
    expect(schema.validate({ n: 3 })).toEqual([]);
    expect(schema.validate({ n: 1 })).toEqual(["'n': Too small: expected number to be >=2"]);
    expect(schema.validate("text")).toEqual(["the output: Invalid input: expected object, received string"]);
  });

  test("an expected value of null is still an expected value", () => {
    const file = parseCasesFile("cases:\n  - input: x\n    expected: null\n", "c.yaml");
    expect(file.cases[0]!.checks).toEqual([{ type: "equals", value: null }]);
  });

  test("reads JSON Lines, one case per line", () => {
    const file = parseCasesFile(
      '{"name":"a","input":"x","expected":"y"}\n\n{"input":{"n":1},"checks":[{"contains":"1"}]}\n',
      "cases.jsonl",
    );
    expect(file.target).toBeUndefined();
    expect(file.cases.map((item) => [item.name, item.where, item.checks.map((check) => check.type)])).toEqual(
      [
        ["a", "cases.jsonl:1:1", ["equals"]],
        ["case-2", "cases.jsonl:3:1", ["contains"]],
      ],
    );
  });

  test.each([
    [
      "cases:\n  - input: x\n    checks:\n      - contians: y\n",
      "c.yaml:4:9: unknown check 'contians' (did you mean 'contains'?)",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - sounds_like: y\n",
      "c.yaml:4:9: unknown check 'sounds_like' (valid: equals, contains, matches, json_schema, predicate, judge)",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - contains: a\n        equals: b\n",
      "c.yaml:5:9: one check per list item: 'contains' and 'equals' are two checks",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - matches: a\n        flag: i\n",
      "c.yaml:5:9: unknown field 'flag' in a 'matches' check (did you mean 'flags'?)",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - matches: a\n        flags: g\n",
      "c.yaml:5:9: field 'flags' must be regular expression flags among i, m, s, u, v (got \"g\")",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - matches: '(unclosed'\n",
      "c.yaml:4:9: invalid regular expression: Invalid regular expression: /(unclosed/: Unterminated group",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - json_schema: { type: wat }\n",
      "c.yaml:4:9: invalid JSON Schema: Unsupported type: wat",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - predicate: checks.ts\n",
      "c.yaml:4:9: field 'predicate' must be 'FILE#export', e.g. ./checks.ts#isSorted (got \"checks.ts\")",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - judge: 'two words'\n",
      "c.yaml:4:9: field 'judge' must be the name of a worker (letters, digits, '_' and '-') (got \"two words\")",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - contains: ''\n",
      "c.yaml:4:9: field 'contains' must be a non-empty string (got \"\")",
    ],
    [
      "cases:\n  - input: x\n    checks:\n      - just a string\n",
      "c.yaml:4:9: a check is a mapping like '{ contains: text }' (got \"just a string\")",
    ],
    [
      "cases:\n  - input: x\n    checks: { contains: y }\n",
      "c.yaml:3:5: field 'checks' must be a list of checks (got a mapping)",
    ],
    ["cases:\n  - name: a\n", "c.yaml:2:5: missing field 'input'"],
    [
      "cases:\n  - input: x\n    expect: y\n",
      "c.yaml:3:5: unknown field 'expect' in a case (did you mean 'expected'?)",
    ],
    [
      "cases:\n  - input: x\n    name: a/b\n",
      "c.yaml:3:5: field 'name' must be a name of letters, digits, single spaces and '_', '.', '-' (got \"a/b\")",
    ],
    [
      "cases:\n  - { name: a, input: x }\n  - { name: a, input: y }\n",
      "c.yaml:3:5: duplicate case name 'a' (first at c.yaml:2:5)",
    ],
    ["target: main\n", "c.yaml:1:1: missing field 'cases'"],
    ["cases: []\n", "c.yaml:1:1: 'cases' is empty"],
    ["taget: main\ncases:\n  - input: x\n", "c.yaml:1:1: unknown field 'taget' (did you mean 'target'?)"],
    ["- input: x\n", "c.yaml:1:1: a cases file is a mapping (got a list)"],
    ["", "c.yaml:1:1: a cases file is a mapping (got nothing)"],
    [
      "cases:\n  - input: [x\n",
      "c.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  ])("%j is refused: %s", (text, message) => {
    expect(() => parseCasesFile(text, "c.yaml")).toThrow(message);
  });

  test.each([
    ['{"input":"x"}\nnot json\n', "c.jsonl:2:1: invalid JSON:"],
    ['{"input":"x","checks":[{"equal":1}]}\n', "c.jsonl:1:1: unknown check 'equal' (did you mean 'equals'?)"],
    ['["x"]\n', "c.jsonl:1:1: a case is a mapping (got a list)"],
    ["\n", "c.jsonl:1:1: no cases (one JSON object per line)"],
  ])("JSON Lines %j is refused: %s", (text, message) => {
    expect(() => parseCasesFile(text, "c.jsonl")).toThrow(message);
  });
});
