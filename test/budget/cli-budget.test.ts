import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempProject } from "../../src/testing/index.js";

function cli(cwd: string) {
  const output = { stdout: "", stderr: "" };
  const io = {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  };
  return { run: (argv: string[]) => main(argv, io), output };
}

// A script that lists files, then answers: two model requests.
const SCRIPT =
  "- key: main/1\n  response:\n    tool_calls: [{ name: list_files }]\n- key: main/2\n  response: { text: done }\n";
const WORKER = "---\nname: main\ntoolsets:\n  filesystem: {}\n---\nList.\n";

describe("budget flags", () => {
  test("--max-calls stops the run with a message naming the call; exit 1", async () => {
    await using project = await tempProject({ "main.worker": WORKER, "demo.replay": SCRIPT });
    const { run, output } = cli(project.dir);
    expect(
      await run(["main.worker", "go", "--headless", "--model", "replay:demo.replay", "--max-calls", "1"]),
    ).toBe(1);
    expect(output.stderr).toBe(
      "Error: Budget exceeded: max_calls 1 for the run (--max-calls) would be crossed by main (step 2); 1 model request made. Usage so far: 1 model request, 15 tokens (10 input + 5 output), $0.0000 (+ unpriced replay:demo.replay).\n",
    );
  });

  test("--max-tokens stops the run; within the limit it succeeds", async () => {
    await using project = await tempProject({ "main.worker": WORKER, "demo.replay": SCRIPT });
    const over = cli(project.dir);
    expect(
      await over.run([
        "main.worker",
        "go",
        "--headless",
        "--model",
        "replay:demo.replay",
        "--max-tokens",
        "10",
      ]),
    ).toBe(1);
    expect(over.output.stderr).toContain(
      "max_tokens 10 for the run (--max-tokens) was crossed by main (step 1)",
    );
    const within = cli(project.dir);
    expect(
      await within.run([
        "main.worker",
        "go",
        "--headless",
        "--model",
        "replay:demo.replay",
        "--max-tokens",
        "30",
      ]),
    ).toBe(0);
    expect(within.output.stdout).toBe("done\n");
  });

  test.each([
    [["--max-cost", "0"], "option '--max-cost <usd>' argument '0' is invalid. expected a positive number"],
    [
      ["--max-tokens", "1.5"],
      "option '--max-tokens <n>' argument '1.5' is invalid. expected a positive integer",
    ],
    [["--max-calls", "-1"], "option '--max-calls <n>' argument '-1' is invalid. expected a positive integer"],
  ])("%j is a usage error", async (flags, message) => {
    await using project = await tempProject({ "main.worker": WORKER });
    const { run, output } = cli(project.dir);
    expect(await run(["main.worker", "go", "--headless", ...flags])).toBe(2);
    expect(output.stderr).toContain(message);
  });
});
