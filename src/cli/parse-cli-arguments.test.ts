import { describe, expect, test } from "vitest";
import { asksForJson, type CliArguments, parseCliArguments } from "./parse-cli-arguments.js";

function parse(argv: string[]): { parsed: ReturnType<typeof parseCliArguments>; stdout: string } {
  let stdout = "";
  const parsed = parseCliArguments(argv, "9.9.9", { stdout: { write: (text: string) => (stdout += text) } });
  return { parsed, stdout };
}

function parseRun(argv: string[]): CliArguments {
  const { parsed } = parse(argv);
  if (parsed.type !== "run") throw new Error("expected a run");
  return parsed.arguments;
}

describe("parseCliArguments", () => {
  test("defaults", () => {
    expect(parseRun(["main.worker", "hi"])).toEqual({
      positionals: ["main.worker", "hi"],
      set: [],
      approveAll: false,
      rejectAll: false,
      headless: false,
      tui: false,
      chat: false,
      json: false,
      verbosity: 0,
      debug: false,
      durable: false,
    });
  });

  test("every option, short and long, anywhere among the positionals", () => {
    expect(
      parseRun([
        "main.worker",
        "-e",
        "other",
        "hello",
        "-m",
        "anthropic:x",
        "-s",
        "a=1",
        "--set",
        "b=2",
        "world",
        "--approve-all",
        "--headless",
        "--json",
        "-vv",
        "--max-depth",
        "3",
        "--max-steps",
        "7",
        "--idle-timeout",
        "0.5",
        "--request-timeout",
        "900",
        "--debug",
        "--durable",
        "--database-url",
        "postgresql://db/x",
      ]),
    ).toEqual({
      positionals: ["main.worker", "hello", "world"],
      entry: "other",
      model: "anthropic:x",
      set: ["a=1", "b=2"],
      approveAll: true,
      rejectAll: false,
      headless: true,
      tui: false,
      chat: false,
      json: true,
      verbosity: 2,
      maxDepth: 3,
      maxSteps: 7,
      idleTimeout: 0.5,
      requestTimeout: 900,
      debug: true,
      durable: true,
      databaseUrl: "postgresql://db/x",
    });
  });

  test("--input-json keeps its value as given", () => {
    expect(parseRun(["main.worker", "--input-json", '{"a": 1}']).inputJson).toBe('{"a": 1}');
    expect(parseRun(["main.worker", "--input-json=@input.json"]).inputJson).toBe("@input.json");
  });

  test("-v counts; -v -v is -vv", () => {
    expect(parseRun(["-v"]).verbosity).toBe(1);
    expect(parseRun(["-v", "-v"]).verbosity).toBe(2);
    expect(parseRun(["--verbose", "-vv"]).verbosity).toBe(3);
  });

  test("after --, words that look like options are prompt words", () => {
    expect(parseRun(["main.worker", "--", "-5", "--json"]).positionals).toEqual([
      "main.worker",
      "-5",
      "--json",
    ]);
  });

  test("--help and --version print to stdout and exit 0", () => {
    const help = parse(["--help"]);
    expect(help.parsed).toEqual({ type: "exit", code: 0 });
    expect(help.stdout).toContain("Usage: llm-do [FILE...] [PROMPT...] [options]");
    const version = parse(["--version"]);
    expect(version.parsed).toEqual({ type: "exit", code: 0 });
    expect(version.stdout).toBe("9.9.9\n");
  });

  test.each([
    [["--nope"], "unknown option '--nope' (see llm-do --help)"],
    [["--model"], "option '-m, --model <model>' argument missing (see llm-do --help)"],
    [["--max-depth", "-1"], "option '--max-depth <n>' argument '-1' is invalid. expected a positive integer"],
    [
      ["--max-depth", "1.5"],
      "option '--max-depth <n>' argument '1.5' is invalid. expected a positive integer",
    ],
    [
      ["--max-depth", "51"],
      "option '--max-depth <n>' argument '51' is invalid. the deepest nesting allowed is 50",
    ],
    [["--max-steps", "0"], "option '--max-steps <n>' argument '0' is invalid. expected a positive integer"],
    [
      ["--idle-timeout", "0"],
      "option '--idle-timeout <seconds>' argument '0' is invalid. expected a number of seconds above 0 and at most 86400",
    ],
    [
      ["--request-timeout", "1e6"],
      "option '--request-timeout <seconds>' argument '1e6' is invalid. expected a number of seconds above 0 and at most 86400",
    ],
  ])("%o is a usage error", (argv, message) => {
    expect(() => parse(argv)).toThrow(
      expect.objectContaining({ code: "USAGE", message: expect.stringContaining(message) }),
    );
  });
});

describe("asksForJson", () => {
  test("--json before any --", () => {
    expect(asksForJson(["a.worker", "--json"])).toBe(true);
    expect(asksForJson(["a.worker", "--", "--json"])).toBe(false);
    expect(asksForJson(["a.worker"])).toBe(false);
  });
});
