import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parseRecording } from "../../src/record/parse-recording.js";
import { tempProject } from "../../src/testing/index.js";
import { runCli, spawnCli } from "../cli/run-cli.js";
import { startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { FILES, projectFiles, SCRIPT } from "./record-fixtures.js";

const PROMPT = "Summarise the data into a note.";

describe("a run killed while recording (--record, --trace)", () => {
  test("keeps every exchange finished before the kill; the replay of the cut file says where it ends", async () => {
    await using project = await tempProject(projectFiles());
    // main/1, then the analyzer's two requests; main's second request never gets an answer.
    await using server = await startFakeAnthropicServer((_request, index) =>
      index < 3 ? SCRIPT[index]! : { type: "hold" },
    );
    const run = spawnCli(
      [...FILES, PROMPT, "--json", "--approve-all", "--record", "demo.replay", "--trace", "run.json"],
      { cwd: project.dir, env: { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: server.baseUrl } },
    );
    // main's second request is sent only once the first three exchanges have finished.
    await server.waitForRequests(4);
    run.child.kill("SIGKILL");
    const killed = await run.result;
    expect(killed.code).toBeNull();
    const responses = killed.stderr
      .split("\n")
      .filter((line) => line.includes('"type":"model-response"'))
      .map((line) => (JSON.parse(line) as { path: string[]; step: number }).path.join(" > "));
    expect(responses).toEqual(["main", "main > analyzer", "main > analyzer"]);

    const text = await readFile(project.path("demo.replay"), "utf8");
    expect(text).toMatch(/^# llm-do recording, unfinished: /);
    const recording = parseRecording(text, "demo.replay");
    expect([...recording.exchanges.keys()]).toEqual(["main/1", "main/1 > analyzer/1", "main/1 > analyzer/2"]);
    expect(recording.exchanges.get("main/1 > analyzer/2")?.response.text).toBe("The data says 42.");
    const endLine = text.split("\n").indexOf("# end of main/1 > analyzer/2") + 1;
    expect(recording.end).toEqual({ type: "cut", line: endLine, lastKey: "main/1 > analyzer/2" });

    // The trace shows the run up to the kill.
    const shown = await runCli(["trace", "run.json"], { cwd: project.dir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^run main running /);
    expect(shown.stdout).toContain(
      "cut: the trace is unfinished: its run did not end (it was killed, or is still going); run.json ends at line",
    );
    expect(shown.stdout).toContain("└─ main (worker, anthropic:claude-haiku-4-5) running");
    expect(shown.stdout).toContain("analyzer (worker, anthropic:claude-haiku-4-5) ok");

    // The replay runs what was recorded, then stops where the recording ends, saying so.
    const replay = await runCli(
      [...FILES, PROMPT, "--headless", "--approve-all", "--model", "replay:demo.replay"],
      {
        cwd: project.dir,
      },
    );
    expect(replay.stderr).toBe(
      `Error: Replay drift at main/2 (call path main, step 2): demo.replay has no recorded response for this request: demo.replay is unfinished (the run that recorded it did not end): it ends at line ${endLine}, after main/1 > analyzer/2\n`,
    );
    expect(replay.code).toBe(1);
  }, 30_000);
});
