import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { tempProject } from "../../src/testing/index.js";
import { startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { FILES, projectFiles, SCRIPT } from "./record-fixtures.js";

function cli(cwd: string, env: Record<string, string> = {}) {
  const output = { stdout: "", stderr: "" };
  const io = {
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    env,
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
  };
  return { run: (argv: string[]) => main(argv, io), output };
}

describe("llm-do --record / --model replay:FILE", () => {
  test("record against the provider, replay offline, then report drift and go on", async () => {
    await using project = await tempProject(projectFiles());
    const prompt = "Summarise the data into a note.";
    {
      await using server = await startFakeAnthropicServer(SCRIPT);
      const recording = cli(project.dir, {
        ANTHROPIC_API_KEY: "test-key",
        ANTHROPIC_BASE_URL: server.baseUrl,
      });
      expect(
        await recording.run([...FILES, prompt, "--headless", "--approve-all", "--record", "demo.replay"]),
      ).toBe(0);
      expect(recording.output.stdout).toBe("Saved the note: 42.\n");
    }
    await project.write("note.txt", "");
    const replay = cli(project.dir);
    expect(
      await replay.run([
        ...FILES,
        prompt,
        "--headless",
        "--approve-all",
        "--model",
        "replay:demo.replay",
        "--trace",
        "run.json",
      ]),
    ).toBe(0);
    expect(replay.output).toEqual({ stdout: "Saved the note: 42.\n", stderr: "" });
    expect(await readFile(project.path("note.txt"), "utf8")).toBe("42");

    const shown = cli(project.dir);
    expect(await shown.run(["trace", "run.json"])).toBe(0);
    expect(shown.output.stdout).toContain("├─ analyzer (worker, replay:demo.replay) ok");

    await project.write("data.txt", "the answer is 43\n");
    const failing = cli(project.dir);
    expect(
      await failing.run([...FILES, prompt, "--headless", "--approve-all", "--model", "replay:demo.replay"]),
    ).toBe(1);
    expect(failing.output.stderr).toContain(
      "Replay drift at main/1 > analyzer/2 (call path main > analyzer, step 2)",
    );

    const reporting = cli(project.dir);
    const argv = [
      ...FILES,
      prompt,
      "--json",
      "--approve-all",
      "--model",
      "replay:demo.replay",
      "--replay-drift",
      "report",
    ];
    expect(await reporting.run(argv)).toBe(0);
    const events = reporting.output.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; key?: string; fatal?: boolean });
    expect(events.filter((event) => event.type === "replay-drift")).toMatchObject([
      { key: "main/1 > analyzer/2", fatal: false },
    ]);

    const verbose = cli(project.dir);
    const headless = [...FILES, prompt, "--headless", "-v", "--approve-all", "--model", "replay:demo.replay"];
    expect(await verbose.run([...headless, "--replay-drift", "report"])).toBe(0);
    expect(verbose.output.stderr).toContain(
      "Replay drift at main/1 > analyzer/2 (call path main > analyzer, step 2): the request differs from demo.replay:\n",
    );
  }, 60_000);

  test("a replay file that does not exist is a clear error before anything runs", async () => {
    await using project = await tempProject(projectFiles());
    const replay = cli(project.dir);
    expect(await replay.run([...FILES, "go", "--headless", "--model", "replay:missing.replay"])).toBe(1);
    expect(replay.output.stderr).toMatch(/^Error: cannot read the replay file missing\.replay: ENOENT/);
  });

  test("--replay-drift takes fail or report", async () => {
    await using project = await tempProject(projectFiles());
    const replay = cli(project.dir);
    expect(await replay.run([...FILES, "go", "--replay-drift", "maybe"])).toBe(2);
    expect(replay.output.stderr).toContain("Allowed choices are fail, report");
  });
});
