/**
 * Approvals that wait durably, through the real CLI against a real Postgres: a batch item whose
 * tool needs approval waits; the batch is killed (SIGKILL) so that no process is alive;
 * `llm-do approvals list` shows the request and `approve` decides it; the same batch command
 * then completes the item with the tool run exactly once. Denials reach the model with their
 * note, a timeout denies, and approve-for-session covers the same call later in the run.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/temp-project.js";
import { runCli, spawnCli } from "../cli/run-cli.js";
import {
  type RecordedRequest,
  startFakeAnthropicServer,
  textResponse,
  toolUseResponse,
} from "../support/fake-anthropic-server.js";
import { freshDatabaseUrl } from "../support/test-postgres.js";

const files = {
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
    needsApproval: true,
    execute: ({ text }) => {
      appendFileSync("side-effects.log", text + "\\n");
      return "noted " + text;
    },
  }),
});
`,
  "items.jsonl": `${JSON.stringify("item 1")}\n`,
};

/** What the model last read from a tool (the text of the last tool result), if anything. */
function lastToolResult(request: RecordedRequest): string | undefined {
  const messages = request.body.messages as Array<{ role: string; content: unknown }>;
  const blocks = messages.flatMap((message) => (Array.isArray(message.content) ? message.content : []));
  const result = blocks.filter((block: { type?: string }) => block.type === "tool_result").at(-1);
  return result === undefined ? undefined : JSON.stringify(result.content);
}

const assistantTurns = (request: RecordedRequest) =>
  (request.body.messages as Array<{ role: string }>).filter((message) => message.role === "assistant").length;

/** The model notes `texts` one call at a time, then answers with what the last tool said. */
function scriptedModel(texts: readonly string[]) {
  return (request: RecordedRequest) => {
    const turn = assistantTurns(request);
    if (turn < texts.length) return toolUseResponse("note", { text: texts[turn] });
    return textResponse(`done: ${lastToolResult(request)}`);
  };
}

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ids of the approvals a batch's `--json` stderr announced as waiting, in order. */
function announced(stderr: string): string[] {
  return [...stderr.matchAll(/approval ([0-9a-f]{12}) waits for a person/g)].map((match) => match[1]!);
}

const sideEffects = (path: string) => {
  try {
    return readFileSync(path, "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
};

const results = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));

// Several llm-do processes, each launching DBOS: 2-8 s a test on a quiet machine, several times
// that on a busy one; the waits are for what the processes print, bounded only to fail clearly.
describe("durable approvals", { timeout: 60_000 }, () => {
  test("a waiting item survives SIGKILL, is approved from the CLI with no process alive, and the same batch completes it with the tool run once", async () => {
    await using project = await tempProject(files);
    const url = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(scriptedModel(["hello"]));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const batch = ["batch", "main.worker", "tools.ts", "--inputs", "items.jsonl", "--out", "out.jsonl"];
    const args = [...batch, "--database-url", url, "--json"];

    const first = spawnCli(args, { cwd: project.dir, env });
    const [id] = await waitFor(
      () => (announced(first.stderr()).length > 0 ? announced(first.stderr()) : undefined),
      "the approval request",
    );
    first.child.kill("SIGKILL");
    expect((await first.result).code).toBeNull();
    expect(sideEffects(project.path("side-effects.log"))).toEqual([]);

    const listed = await runCli(["approvals", "list", "--database-url", url], { cwd: project.dir });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${id}  note(`);
    expect(listed.stdout).toMatch(/call main\/1 > note · worker main/);
    const json = await runCli(["approvals", "list", "--database-url", url, "--json"], { cwd: project.dir });
    const [request] = json.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(request).toMatchObject({
      id,
      tool: "note",
      input: { text: "hello" },
      callPath: ["main", "note"],
      caller: "main",
      state: { type: "pending" },
    });
    expect(request.workflowId).toMatch(/^llm-do\/batch\/.+\/1$/);

    const approved = await runCli(["approvals", "approve", id!, "--by", "alice", "--database-url", url], {
      cwd: project.dir,
    });
    expect([approved.code, approved.stdout]).toEqual([
      0,
      expect.stringMatching(new RegExp(`^${id} approved by alice at `)),
    ]);
    const again = await runCli(["approvals", "deny", id!, "--database-url", url], { cwd: project.dir });
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringContaining(`approval request '${id}' was already decided: approved by alice at`),
    ]);
    const unknown = await runCli(["approvals", "approve", "000000000000", "--database-url", url], {
      cwd: project.dir,
    });
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining("no approval request '000000000000'"),
    ]);
    expect((await runCli(["approvals", "list", "--database-url", url], { cwd: project.dir })).stdout).toBe(
      "No approval requests are waiting.\n",
    );

    const second = await runCli(args, { cwd: project.dir, env });
    expect(second.stderr.split("\n").filter((line) => line.includes('"type":"error"'))).toEqual([]);
    expect(second.code).toBe(0);
    expect(results(project.path("out.jsonl"))).toMatchObject([
      { key: "1", outcome: "ok", output: 'done: "noted hello"' },
    ]);
    expect(sideEffects(project.path("side-effects.log"))).toEqual(["hello"]);
    // The model's first request was read back, not sent again.
    expect(server.requests.map(assistantTurns)).toEqual([0, 1]);
  });

  test("a denial with a note reaches the model, while the batch process waits", async () => {
    await using project = await tempProject(files);
    const url = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(scriptedModel(["secret"]));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = [
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      "items.jsonl",
      "--out",
      "out.jsonl",
      "--database-url",
      url,
      "--json",
    ];
    const batch = spawnCli(args, { cwd: project.dir, env });
    const [id] = await waitFor(
      () => (announced(batch.stderr()).length > 0 ? announced(batch.stderr()) : undefined),
      "the approval request",
    );
    const denied = await runCli(["approvals", "deny", id!, "--note", "not that one", "--database-url", url], {
      cwd: project.dir,
    });
    expect(denied.code).toBe(0);
    expect(denied.stdout).toContain(`${id} denied (not that one) by `);
    expect((await batch.result).code).toBe(0);
    const [result] = results(project.path("out.jsonl"));
    expect(result.output).toContain("Approval denied for note: not that one");
    expect(sideEffects(project.path("side-effects.log"))).toEqual([]);
  });

  test("--approval-timeout denies a call nobody decided", async () => {
    await using project = await tempProject(files);
    const url = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(scriptedModel(["late"]));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = [
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      "items.jsonl",
      "--out",
      "out.jsonl",
      "--database-url",
      url,
      "--approval-timeout",
      "1s",
    ];
    const done = await runCli(args, { cwd: project.dir, env });
    expect(done.code).toBe(0);
    const [result] = results(project.path("out.jsonl"));
    expect(result.output).toContain("Approval denied for note: nobody decided within 1s (timed out)");
    expect(sideEffects(project.path("side-effects.log"))).toEqual([]);
  });

  test("approve --session covers the same call with the same arguments later in the run", async () => {
    await using project = await tempProject(files);
    const url = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(scriptedModel(["same", "same", "other"]));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = [
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      "items.jsonl",
      "--out",
      "out.jsonl",
      "--database-url",
      url,
      "--json",
    ];
    const batch = spawnCli(args, { cwd: project.dir, env });
    const [first] = await waitFor(
      () => (announced(batch.stderr()).length > 0 ? announced(batch.stderr()) : undefined),
      "the first request",
    );
    expect(
      (
        await runCli(["approvals", "approve", first!, "--session", "--database-url", url], {
          cwd: project.dir,
        })
      ).code,
    ).toBe(0);
    // The second "same" call passes without a request; "other" has arguments of its own.
    const ids = await waitFor(
      () => (announced(batch.stderr()).length > 1 ? announced(batch.stderr()) : undefined),
      "the second request",
    );
    expect(ids).toHaveLength(2);
    const listed = await runCli(["approvals", "list", "--database-url", url, "--json"], { cwd: project.dir });
    expect(
      listed.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).input),
    ).toEqual([{ text: "other" }]);
    expect(
      (await runCli(["approvals", "approve", ids[1]!, "--database-url", url], { cwd: project.dir })).code,
    ).toBe(0);
    expect((await batch.result).code).toBe(0);
    expect(sideEffects(project.path("side-effects.log"))).toEqual(["same", "same", "other"]);
  });
});
