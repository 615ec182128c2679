/**
 * `llm-do runs` against a real batch in a real Postgres: an item waits for approval and the
 * batch is killed; `runs list` shows the batch waiting with its progress and pending approval,
 * `runs show` its items and the waiting item's steps as a call tree; `cancel` and `resume` move
 * the item through DBOS's states; after approval the same batch command finishes it.
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
    needsApproval: ({ text }) => text.startsWith("ask"),
    execute: ({ text }) => {
      appendFileSync("side-effects.log", text + "\\n");
      return "noted " + text;
    },
  }),
});
`,
  "items.jsonl": `${JSON.stringify("plain")}\n${JSON.stringify("ask first")}\n`,
};

function respond(request: RecordedRequest) {
  const messages = request.body.messages as Array<{ role: string; content: unknown }>;
  const prompt = JSON.stringify(messages[0]?.content);
  if (messages.length === 1)
    return toolUseResponse("note", { text: prompt.includes("ask") ? "ask me" : "plain" });
  return textResponse("done");
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

// Several llm-do processes, each launching DBOS: 2-8 s a test on a quiet machine, several times
// that on a busy one; the waits are for what the processes print, bounded only to fail clearly.
describe("llm-do runs", { timeout: 60_000 }, () => {
  test("list, show, cancel and resume a batch whose item waits for approval", async () => {
    await using project = await tempProject(files);
    const url = await freshDatabaseUrl();
    await using server = await startFakeAnthropicServer(respond);
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
    const cli = (command: string[]) => runCli([...command, "--database-url", url], { cwd: project.dir });

    const batch = spawnCli(args, { cwd: project.dir, env });
    const id = await waitFor(() => /approval ([0-9a-f]{12}) waits/.exec(batch.stderr())?.[1], "the request");
    // The plain item finishes while the other waits.
    await waitFor(
      () => (readFileSync(project.path("out.jsonl"), "utf8").includes('"key":"1"') ? true : undefined),
      "item 1",
    );
    batch.child.kill("SIGKILL");
    await batch.result;

    const listed = await cli(["runs", "list", "--json"]);
    expect(listed.code).toBe(0);
    const [run] = listed.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(run).toMatchObject({
      kind: "batch",
      status: "waiting",
      done: 1,
      failed: 0,
      total: 2,
      pendingApprovals: 1,
      resultsFile: project.path("out.jsonl"),
    });
    expect(run.usage.requests).toBe(2);

    const items = await cli(["runs", "show", run.id]);
    expect(items.stdout).toContain(`\n  1  done\n  2  pending  waits for approval ${id}\n`);
    const steps = await cli(["runs", "show", `llm-do/batch/${run.id}/2`]);
    expect(steps.code).toBe(0);
    expect(steps.stdout).toBe(
      `run llm-do/batch/${run.id}/2  pending\n  main/1  model response → note · 15 tokens\n    note [approval]  pending: approval ${id} since ${steps.stdout.match(/since (\S+)/)?.[1]}\n`,
    );

    const cancelled = await cli(["runs", "cancel", run.id]);
    expect(cancelled.stdout).toBe(
      `cancelled 1 run of ${run.id}; the same command resumes them, as after Ctrl+C\n`,
    );
    expect((await cli(["runs", "cancel", run.id])).stdout).toBe(
      `nothing to cancel in ${run.id}: no unfinished run\n`,
    );
    const resumed = await cli(["runs", "resume", `llm-do/batch/${run.id}/2`]);
    expect(resumed.stdout).toBe(
      `queued 1 run of llm-do/batch/${run.id}/2 to resume; a runner with its files, or its command run again, takes them\n`,
    );
    const unknown = await cli(["runs", "show", "nope"]);
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining("no durable run or batch 'nope'"),
    ]);

    expect((await cli(["approvals", "approve", id])).code).toBe(0);
    const again = await runCli(args, { cwd: project.dir, env });
    expect(again.code).toBe(0);
    expect(readFileSync(project.path("side-effects.log"), "utf8")).toBe("plain\nask me\n");
    const finished = JSON.parse((await cli(["runs", "list", "--json"])).stdout);
    expect(finished).toMatchObject({ status: "finished", done: 2, total: 2, pendingApprovals: 0 });
    const tree = await cli(["runs", "show", `llm-do/batch/${run.id}/2`]);
    expect(tree.stdout).toMatch(
      /\n {4}note \[approval\] {2}approved by \S+@\S+ at \S+\n {4}note {2}ok {2}out: "noted ask me"\n {2}main\/2 {2}model response "done"/,
    );
  });
});
