/**
 * Issue 22, through the real CLI on a real Postgres: `llm-do batch --enqueue-only` queues a batch
 * and two `llm-do runner` processes take its items (both of them); a provider rate limit of R per
 * second holds over both (request times measured at a local Anthropic-style server); a runner
 * killed with SIGKILL mid-batch has its items finished by the other, every finished tool call
 * run once; a runner stopped with SIGTERM hands its items back at once.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/temp-project.js";
import { type CliProcess, runCli, spawnCli } from "../cli/run-cli.js";
import {
  errorResponse,
  type FakeResponse,
  type RecordedRequest,
  startFakeAnthropicServer,
  textResponse,
  toolUseResponse,
} from "../support/fake-anthropic-server.js";
import { freshDatabaseUrl, query } from "../support/test-postgres.js";

const files = (items: number) => ({
  "main.worker": `---
name: main
model: anthropic:claude-haiku-4-5
toolsets:
  notes: {}
---
Write a note, then answer.
`,
  "tools.ts": `import { appendFileSync } from "node:fs";
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const notes = toolset({
  note: tool({
    description: "Write a note.",
    inputSchema: z.object({ text: z.string() }),
    execute: ({ text }) => {
      appendFileSync("side-effects.log", process.pid + " " + text + "\\n");
      return "noted " + text;
    },
  }),
});
`,
  "items.jsonl": `${Array.from({ length: items }, (_, index) => JSON.stringify(`item ${index + 1}`)).join("\n")}\n`,
});

/** Which item a request is for and which model request of it (1: the first, 2: after the note). */
function placeOf(request: RecordedRequest): { item: number; step: number } {
  const messages = request.body.messages as Array<{ role: string; content: unknown }>;
  const item = Number(/item (\d+)/.exec(JSON.stringify(messages[0]?.content))?.[1]);
  return { item, step: messages.filter((message) => message.role === "assistant").length + 1 };
}

function noteThenAnswer(request: RecordedRequest): FakeResponse {
  const { item, step } = placeOf(request);
  return step === 1 ? toolUseResponse("note", { text: `note ${item}` }) : textResponse(`done ${item}`);
}

const batchArgs = ["batch", "main.worker", "tools.ts", "--inputs", "items.jsonl", "--out", "results.jsonl"];

/** Starts a runner and resolves once it takes items. */
async function startRunner(cwd: string, env: Record<string, string>): Promise<CliProcess> {
  const runner = spawnCli(["runner", "main.worker", "tools.ts", "--concurrency", "2"], { cwd, env });
  await untilStderr(runner, /takes items of/);
  return runner;
}

/** Resolves once the process has written a line matching `pattern` on stderr. */
function untilStderr(process: CliProcess, pattern: RegExp): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (pattern.test(process.stderr())) resolve();
    };
    process.child.stderr?.on("data", onData);
    onData();
    process.result.then((result) => reject(new Error(`exited ${result.code}: ${result.stderr}`)));
  });
}

function stop(runner: CliProcess, signal: NodeJS.Signals = "SIGTERM") {
  runner.child.kill(signal);
  return runner.result;
}

const sideEffects = (dir: string) =>
  readFileSync(`${dir}/side-effects.log`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [pid, ...rest] = line.split(" ");
      return { pid: Number(pid), note: rest.join(" ") };
    });

const resultLines = (dir: string) =>
  readFileSync(`${dir}/results.jsonl`, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { key: string; outcome: string; output: unknown });

// Each test starts three or four llm-do processes on DBOS: several seconds each.
describe("llm-do runner", { timeout: 60_000 }, () => {
  test("two runners share a queued batch; the same batch command collects the results", async () => {
    await using project = await tempProject(files(8));
    const databaseUrl = await freshDatabaseUrl();
    // First requests wait until three items are in flight: more than one runner (two at a time
    // each) can have, so the batch finishes only if both take items.
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await using server = await startFakeAnthropicServer((request) => {
      const answer = noteThenAnswer(request);
      return placeOf(request).step === 1 ? { type: "later", until: released, answer } : answer;
    });
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = [...batchArgs, "--database-url", databaseUrl];

    const queued = await runCli([...args, "--enqueue-only"], { cwd: project.dir, env });
    expect([queued.code, queued.stderr]).toEqual([0, ""]);
    expect(queued.stdout).toMatch(
      /^Enqueued 8 items on llm-do\.items\.[0-9a-f]{16}\.\nRun them: llm-do runner main\.worker tools\.ts --database-url postgresql:\/\/llm_do:\*\*\*@/,
    );
    expect(server.requests).toHaveLength(0);

    const runnerEnv = { ...env, LLM_DO_DATABASE_URL: databaseUrl };
    const runners = await Promise.all([
      startRunner(project.dir, runnerEnv),
      startRunner(project.dir, runnerEnv),
    ]);
    await server.waitForRequests(3);
    release();
    await server.waitForRequests(16);

    const collected = await runCli(args, { cwd: project.dir, env });
    expect([collected.code, collected.stdout]).toEqual([
      0,
      expect.stringContaining("8 items: 8 ok, 0 failed"),
    ]);
    expect(
      resultLines(project.dir)
        .map((result) => Number(result.key))
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(server.requests).toHaveLength(16);
    const effects = sideEffects(project.dir);
    expect(effects.map((effect) => effect.note).sort()).toEqual(
      Array.from({ length: 8 }, (_, index) => `note ${index + 1}`).sort(),
    );
    const pids = new Set(effects.map((effect) => effect.pid));
    expect(pids).toEqual(new Set(runners.map((runner) => runner.child.pid)));

    for (const stopped of await Promise.all(runners.map((runner) => stop(runner)))) {
      expect([stopped.code, stopped.stderr]).toEqual([143, expect.stringContaining("Runner stopped")]);
    }
    const [{ count }] = (await query(databaseUrl, "SELECT count(*)::int AS count FROM llm_do.runners")) as [
      { count: number },
    ];
    expect(count).toBe(0);
  });

  test("a rate limit of 4 requests per 2 seconds holds over two runners", async () => {
    const ITEMS = 12;
    const LIMIT = 4;
    const PERIOD_MS = 2_000;
    await using project = await tempProject({
      ...files(ITEMS),
      "llm-do.yaml": `files: [main.worker, tools.ts]\nrate_limits:\n  anthropic: { requests: ${LIMIT}, period: ${PERIOD_MS / 1000} }\n`,
    });
    const databaseUrl = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer((request) =>
      textResponse(`done ${placeOf(request).item}`),
    );
    const env = {
      ANTHROPIC_BASE_URL: server.baseUrl,
      ANTHROPIC_API_KEY: "test",
      LLM_DO_DATABASE_URL: databaseUrl,
    };
    const runners = await Promise.all([startRunner(project.dir, env), startRunner(project.dir, env)]);
    const queued = await runCli([...batchArgs, "--enqueue-only"], { cwd: project.dir, env });
    expect(queued.code).toBe(0);
    await server.waitForRequests(ITEMS);
    await Promise.all(runners.map((runner) => stop(runner)));

    const mostIn = (times: number[], windowMs: number) =>
      Math.max(
        ...times.map((start) => times.filter((time) => time >= start && time < start + windowMs).length),
      );
    // Where DBOS enforces it: the starts of the request workflows, by the database's clock.
    const starts = (
      await query(
        databaseUrl,
        "SELECT started_at_epoch_ms::float8 AS at FROM dbos.workflow_status WHERE name = 'llm-do.model-request'",
      )
    ).map((row) => row.at as number);
    expect(starts).toHaveLength(ITEMS);
    expect(mostIn(starts, PERIOD_MS)).toBeLessThanOrEqual(LIMIT);
    // At the server: a request arrives a little after its start (the first of a runner later, as
    // it loads the provider), so windows 600 ms shorter than the period are checked.
    const arrivals = server.requests.map((request) => request.receivedAtMs);
    expect(mostIn(arrivals, PERIOD_MS - 600)).toBeLessThanOrEqual(LIMIT);
    // 12 requests at 4 per 2 s: the last ones start two periods after the first.
    const spanMs = Math.max(...arrivals) - Math.min(...arrivals);
    expect(spanMs).toBeGreaterThan(2 * PERIOD_MS - 600);
    expect(spanMs).toBeLessThan(4 * PERIOD_MS);
  });

  test("a runner killed mid-batch: the other finishes its items, every finished tool call run once", async () => {
    const ITEMS = 8;
    await using project = await tempProject(files(ITEMS));
    const databaseUrl = await freshDatabaseUrl();
    let held = true;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await using server = await startFakeAnthropicServer((request) => {
      const answer = noteThenAnswer(request);
      return placeOf(request).step === 2 && held ? { type: "later", until: released, answer } : answer;
    });
    const env = {
      ANTHROPIC_BASE_URL: server.baseUrl,
      ANTHROPIC_API_KEY: "test",
      LLM_DO_DATABASE_URL: databaseUrl,
    };
    const [doomed, survivor] = await Promise.all([
      startRunner(project.dir, env),
      startRunner(project.dir, env),
    ]);
    expect((await runCli([...batchArgs, "--enqueue-only"], { cwd: project.dir, env })).code).toBe(0);
    // Four items in flight (two per runner), each waiting for its second request after its note.
    const secondRequests = () => server.requests.filter((request) => placeOf(request).step === 2);
    await server.waitForRequests(4 * 2);
    expect(secondRequests()).toHaveLength(4);
    const notesBefore = sideEffects(project.dir);
    expect(new Set(notesBefore.map((effect) => effect.pid))).toEqual(
      new Set([doomed.child.pid, survivor.child.pid]),
    );
    const killed = await stop(doomed, "SIGKILL");
    expect(killed.code).toBeNull();
    held = false;
    release();
    // The survivor takes over within a second (a dead process of this machine).
    await untilStderr(survivor, /Took over [1-9]\d* unfinished runs? of stopped process llm-do-/);

    // The collecting batch finds every item finished, or finishes it.
    const collected = await runCli(batchArgs, { cwd: project.dir, env });
    expect(collected.code, collected.stderr).toBe(0);
    expect(collected.stdout).toContain("8 items: 8 ok, 0 failed");
    const results = resultLines(project.dir);
    expect(results.map((result) => result.output).sort()).toEqual(
      Array.from({ length: ITEMS }, (_, index) => `done ${index + 1}`).sort(),
    );
    // Every note written once: the killed runner's finished tool calls were not run again.
    const notes = sideEffects(project.dir).map((effect) => effect.note);
    expect(notes.sort()).toEqual(Array.from({ length: ITEMS }, (_, index) => `note ${index + 1}`).sort());
    // No first request sent twice (they had all finished, or had not started, at the kill).
    const firsts = server.requests
      .filter((request) => placeOf(request).step === 1)
      .map((request) => placeOf(request).item);
    expect(firsts.sort((a, b) => a - b)).toEqual(Array.from({ length: ITEMS }, (_, index) => index + 1));
    expect((await stop(survivor)).code).toBe(143);
  });

  test("a 429 of a queued model request is retried after its retry-after", async () => {
    await using project = await tempProject({
      ...files(1),
      "main.worker": files(1)["main.worker"].replace(/toolsets:\n {2}notes: \{\}\n/, ""),
    });
    await using server = await startFakeAnthropicServer([
      errorResponse(429, "rate_limit_error", "slow down"),
      textResponse("done 1"),
    ]);
    const env = {
      ANTHROPIC_BASE_URL: server.baseUrl,
      ANTHROPIC_API_KEY: "test",
      LLM_DO_DATABASE_URL: await freshDatabaseUrl(),
    };
    const result = await runCli(
      ["batch", "main.worker", "--inputs", "items.jsonl", "--out", "results.jsonl"],
      {
        cwd: project.dir,
        env,
      },
    );
    expect([result.code, result.stdout]).toEqual([0, expect.stringContaining("1 item: 1 ok, 0 failed")]);
    expect(server.requests).toHaveLength(2);
    const [row] = await query(
      env.LLM_DO_DATABASE_URL,
      "SELECT count(*)::int AS count FROM dbos.workflow_status WHERE name = 'llm-do.model-request'",
    );
    // The refused request's record was dropped, the answered one's kept (DBOS counts it).
    expect(row).toEqual({ count: 1 });
  });

  test("an approval waits with no process alive, is approved from the CLI, and a runner started again completes the run", async () => {
    await using project = await tempProject({
      ...files(1),
      "tools.ts": `import { appendFileSync } from "node:fs";
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const notes = toolset({
  note: tool({
    description: "Write a note.",
    inputSchema: z.object({ text: z.string() }),
    needsApproval: true,
    execute: ({ text }) => {
      appendFileSync("side-effects.log", process.pid + " " + text + "\\n");
      return "noted " + text;
    },
  }),
});
`,
    });
    const databaseUrl = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(noteThenAnswer);
    const env = {
      ANTHROPIC_BASE_URL: server.baseUrl,
      ANTHROPIC_API_KEY: "test",
      LLM_DO_DATABASE_URL: databaseUrl,
    };
    const queued = await runCli([...batchArgs, "--enqueue-only"], { cwd: project.dir, env });
    expect(queued.code).toBe(0);

    const first = await startRunner(project.dir, env);
    await untilStderr(first, /approval [0-9a-f]{12} waits for a person/);
    // Every process gone: the request lives only in Postgres.
    await stop(first, "SIGKILL");
    const listed = await runCli(["approvals", "list", "--json"], { cwd: project.dir, env });
    const [request] = listed.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; tool: string; input: unknown; callKey: string });
    expect(request).toMatchObject({ tool: "note", input: { text: "note 1" }, callKey: "main/1 > note" });
    const approved = await runCli(["approvals", "approve", request!.id, "--by", "ana"], {
      cwd: project.dir,
      env,
    });
    expect(approved.code).toBe(0);

    const second = await startRunner(project.dir, env);
    await untilStderr(second, /: ok \(/);
    await stop(second);
    const collected = await runCli(batchArgs, { cwd: project.dir, env });
    expect([collected.code, collected.stdout]).toEqual([
      0,
      expect.stringContaining("1 item: 1 ok, 0 failed"),
    ]);
    expect(resultLines(project.dir)).toMatchObject([{ key: "1", outcome: "ok", output: "done 1" }]);
    // The tool ran once, in the second runner; the first model request was not sent again.
    expect(sideEffects(project.dir)).toEqual([{ pid: second.child.pid, note: "note 1" }]);
    expect(server.requests.map((served) => placeOf(served).step)).toEqual([1, 2]);
  });

  test("usage errors exit 2, a wrong rate limit 1, with one line", async () => {
    await using project = await tempProject(files(1));
    writeFileSync(
      project.path("llm-do.yaml"),
      "files: [main.worker]\nrate_limits: { anthropic: { rpm: 5 } }\n",
    );
    const cases: Array<[string[], number, string]> = [
      [["runner"], 2, "Error: missing required argument 'FILE' (see llm-do runner --help)\n"],
      [["runner", "nope.worker"], 2, "nope.worker"],
      [["runner", "main.worker", "--takeover-after", "0"], 2, "--takeover-after"],
      [[...batchArgs, "--enqueue-only", "--no-durable"], 2, "Cannot combine --enqueue-only and --no-durable"],
      [["runner", "main.worker"], 1, "llm-do.yaml:2:29: unknown field 'rpm' in rate_limits"],
    ];
    for (const [args, code, message] of cases) {
      const result = await runCli(args, { cwd: project.dir });
      expect([result.code, result.stderr]).toEqual([code, expect.stringContaining(message)]);
      expect(result.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    }
  });
});
