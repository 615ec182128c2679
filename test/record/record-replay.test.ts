import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, test } from "vitest";
import type { RunEvent } from "../../src/index.js";
import { type TempProject, tempProject } from "../../src/testing/index.js";
import { assertBalanced, collectRun } from "../support/collect-run.js";
import { startFakeAnthropicServer } from "../support/fake-anthropic-server.js";
import { comparable, FILES, MODEL, projectFiles, SCRIPT } from "./record-fixtures.js";

/** One recorded run (against the fake server), shared by the tests. */
let recorded: Awaited<ReturnType<typeof recordRun>> & { recording: string; note: string };

beforeAll(async () => {
  await using project = await tempProject(projectFiles());
  const run = await recordRun(project.dir);
  recorded = {
    ...run,
    recording: await readFile(project.path("demo.replay"), "utf8"),
    note: await readFile(project.path("note.txt"), "utf8"),
  };
}, 60_000);

/** A fresh project holding the recording as `demo.replay`. */
async function replayProject(files = projectFiles()): Promise<TempProject> {
  return tempProject({ ...files, "demo.replay": recorded.recording });
}

async function recordRun(dir: string) {
  await using server = await startFakeAnthropicServer(SCRIPT);
  const recorded = await collectRun({
    files: FILES.map((file) => `${dir}/${file}`),
    input: "Summarise the data into a note.",
    cwd: dir,
    env: { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: server.baseUrl },
    approval: "approve_all",
    record: "demo.replay",
    retry: { maxAttempts: 1 },
  });
  expect(server.requests).toHaveLength(SCRIPT.length);
  return recorded;
}

function replayRun(dir: string, options: { replayDrift?: "fail" | "report" } = {}) {
  return collectRun({
    files: FILES.map((file) => `${dir}/${file}`),
    input: "Summarise the data into a note.",
    cwd: dir,
    env: {},
    model: "replay:demo.replay",
    approval: "approve_all",
    ...options,
  });
}

const drifts = (events: readonly RunEvent[]) =>
  events.flatMap((event) => (event.type === "replay-drift" ? [event] : []));

describe("record and replay", () => {
  test("a recorded run replays with no server: same output, same files written, same events", async () => {
    expect(recorded.error).toBeUndefined();
    expect(recorded.result?.output).toBe("Saved the note: 42.");
    expect(recorded.note).toBe("42");
    expect(recorded.recording).toMatchSnapshot();

    await using project = await replayProject();
    const replayed = await replayRun(project.dir);
    expect(replayed.error).toBeUndefined();
    assertBalanced(replayed.events);
    expect(replayed.result?.output).toBe(recorded.result?.output);
    expect(await readFile(project.path("note.txt"), "utf8")).toBe("42");
    expect(comparable(replayed.events)).toEqual(comparable(recorded.events));
    expect(replayed.result?.usage).toEqual(recorded.result?.usage);
  });

  test("changed instructions: the replay fails naming the call path and step", async () => {
    await using project = await replayProject(projectFiles("Read the data carefully."));
    const replayed = await replayRun(project.dir);
    expect(replayed.error?.code).toBe("REPLAY_DRIFT");
    expect(replayed.error?.message).toMatch(
      /^Replay drift at main\/1 > analyzer\/1 \(call path main > analyzer, step 1\): the request differs from demo\.replay:\n {2}- the instructions changed \(recorded sha256:[0-9a-f]{16}, now sha256:[0-9a-f]{16}\)$/,
    );
    assertBalanced(replayed.events);
    expect(drifts(replayed.events).map((drift) => [drift.key, drift.fatal])).toEqual([
      ["main/1 > analyzer/1", true],
    ]);
  });

  test("a tool's output changed: the drift is at the request that carries it", async () => {
    await using project = await replayProject({ ...projectFiles(), "data.txt": "the answer is 43\n" });
    const replayed = await replayRun(project.dir);
    expect(replayed.error?.code).toBe("REPLAY_DRIFT");
    expect(replayed.error?.message).toBe(
      [
        "Replay drift at main/1 > analyzer/2 (call path main > analyzer, step 2): the request differs from demo.replay:",
        "  - the result of tool 'read_data' differs:",
        '    recorded: {"role":"tool","name":"read_data","output":"the answer is 42\\n"}',
        '    actual:   {"role":"tool","name":"read_data","output":"the answer is 43\\n"}',
      ].join("\n"),
    );
    // Nothing after the drift ran: the note was not written.
    await expect(readFile(project.path("note.txt"), "utf8")).rejects.toThrow("ENOENT");
  });

  test("with replayDrift 'report' the drift is an event and the run continues", async () => {
    await using project = await replayProject({ ...projectFiles(), "data.txt": "the answer is 43\n" });
    const replayed = await replayRun(project.dir, { replayDrift: "report" });
    expect(replayed.error).toBeUndefined();
    expect(replayed.result?.output).toBe("Saved the note: 42.");
    expect(await readFile(project.path("note.txt"), "utf8")).toBe("42");
    expect(drifts(replayed.events).map((drift) => [drift.key, drift.path, drift.fatal])).toEqual([
      ["main/1 > analyzer/2", ["main", "analyzer"], false],
    ]);
  });

  test("an approval decided differently from the recording is drift", async () => {
    await using project = await replayProject();
    const replayed = await collectRun({
      files: FILES.map(project.path),
      input: "Summarise the data into a note.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "reject_all",
      replayDrift: "report",
    });
    const found = drifts(replayed.events);
    expect(found[0]?.message).toBe(
      "Replay drift at main/2 > write_note (call path main > write_note): the call was denied, but demo.replay has it approved",
    );
    expect(found[1]?.key).toBe("main/3");
    expect(found[1]?.message).toContain("the result of tool 'write_note' differs");
  });

  test("recording again over a replay gives the same file", async () => {
    await using project = await replayProject();
    const again = await collectRun({
      files: FILES.map(project.path),
      input: "Summarise the data into a note.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "approve_all",
      record: "again.replay",
    });
    expect(again.error).toBeUndefined();
    expect(await readFile(project.path("again.replay"), "utf8")).toBe(recorded.recording);
  });

  test("recording over the very file being replayed gives the same file", async () => {
    await using project = await replayProject();
    const again = await collectRun({
      files: FILES.map(project.path),
      input: "Summarise the data into a note.",
      cwd: project.dir,
      env: {},
      model: "replay:demo.replay",
      approval: "approve_all",
      record: "demo.replay",
    });
    expect(again.error).toBeUndefined();
    expect(await readFile(project.path("demo.replay"), "utf8")).toBe(recorded.recording);
  });

  test("the recorded model is what events report", async () => {
    const models = recorded.events.flatMap((event) => (event.type === "model-response" ? [event.model] : []));
    expect(new Set(models)).toEqual(new Set([MODEL]));
  });
});
