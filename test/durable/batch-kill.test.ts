/**
 * The check, through the real CLI: a durable batch of 20 items against a local
 * Anthropic-style server that counts requests, killed with SIGKILL while four items wait for
 * their second model request, then the same command again. Every item gets exactly one whole
 * result line; no model request that finished is sent again (only the four in flight are); no
 * tool call that finished runs again. The same batch with --no-durable needs no database.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/temp-project.js";
import { spawnCli } from "../cli/run-cli.js";
import {
  type FakeResponse,
  type RecordedRequest,
  startFakeAnthropicServer,
  textResponse,
  toolUseResponse,
} from "../support/fake-anthropic-server.js";
import { seedProjectPostgres } from "../support/test-postgres.js";

const ITEMS = 20;
const HELD = new Set([9, 10, 11, 12]);

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
    execute: ({ text }) => {
      appendFileSync("side-effects.log", text + "\\n");
      return "noted " + text;
    },
  }),
});
`,
  "items.jsonl": `${Array.from({ length: ITEMS }, (_, index) => JSON.stringify(`item ${index + 1}`)).join("\n")}\n`,
};

/** Which item a request is for and which model request of it (1: the first, 2: after the note). */
function placeOf(request: RecordedRequest): { item: number; step: number } {
  const messages = request.body.messages as Array<{ role: string; content: unknown }>;
  const text = JSON.stringify(messages[0]?.content);
  const item = Number(/item (\d+)/.exec(text)?.[1]);
  return { item, step: messages.filter((message) => message.role === "assistant").length + 1 };
}

function answer(request: RecordedRequest, hold: boolean): FakeResponse {
  const { item, step } = placeOf(request);
  if (step === 1) return toolUseResponse("note", { text: `note ${item}` });
  if (hold && HELD.has(item)) return { type: "hold", text: "thinking" };
  return textResponse(`done ${item}`);
}

const counts = (requests: readonly RecordedRequest[]) => {
  const seen = new Map<string, number>();
  for (const request of requests) {
    const { item, step } = placeOf(request);
    seen.set(`${item}/${step}`, (seen.get(`${item}/${step}`) ?? 0) + 1);
  }
  return seen;
};

// Several llm-do processes, each starting (or finding) Postgres and DBOS: about 4 s each test on
// a quiet machine, several times that on a busy one.
describe("llm-do batch", { timeout: 60_000 }, () => {
  test("killed with SIGKILL mid-batch and run again: every item once, no finished request or tool call repeated", async () => {
    await using project = await tempProject(files);
    seedProjectPostgres(project.dir);
    let hold = true;
    await using server = await startFakeAnthropicServer((request) => answer(request, hold));
    const args = [
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      "items.jsonl",
      "--out",
      "results.jsonl",
      "--json",
    ];
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };

    const first = spawnCli(args, { cwd: project.dir, env });
    // Items are taken in order, four at a time: once the four held items have sent their second
    // request, items 1-8 have their results and 9-12 are in flight.
    const heldRequests = () =>
      server.requests.filter((request) => HELD.has(placeOf(request).item) && placeOf(request).step === 2);
    await server.waitForRequests(8 * 2 + 4 * 2);
    expect(heldRequests()).toHaveLength(4);
    const before = readFileSync(project.path("results.jsonl"), "utf8");
    expect(
      before
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line).key)
        .sort((a, b) => a - b),
    ).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    first.child.kill("SIGKILL");
    const killed = await first.result;
    expect(killed.code).toBeNull();
    const sentBeforeKill = server.requests.length;

    hold = false;
    const second = await spawnCli(args, { cwd: project.dir, env }).result;
    expect(second.stderr.split("\n").filter((line) => line.includes('"type":"error"'))).toEqual([]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("20 items: 20 ok, 0 failed (8 already in results.jsonl)");

    const lines = readFileSync(project.path("results.jsonl"), "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    const results = lines.filter(Boolean).map((line) => JSON.parse(line));
    expect(results.map((result) => Number(result.key)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: ITEMS }, (_, index) => index + 1),
    );
    expect(results.every((result) => result.outcome === "ok" && result.output === `done ${result.key}`)).toBe(
      true,
    );
    // Items 9-12 count the first request and the note of the run that was killed.
    const resumed = results.find((result) => result.key === "9");
    expect(resumed.usage.requests).toBe(2);

    const sent = counts(server.requests);
    const repeated = [...sent].filter(([, count]) => count > 1).map(([place]) => place);
    expect(repeated.sort()).toEqual(["10/2", "11/2", "12/2", "9/2"]);
    expect(sent.size).toBe(ITEMS * 2);
    // After the restart, nothing of items 1-8 and no first request of 9-12 was sent.
    const afterRestart = server.requests.slice(sentBeforeKill).map(placeOf);
    expect(afterRestart.filter(({ item, step }) => item <= 8 || (HELD.has(item) && step === 1))).toEqual([]);

    const notes = readFileSync(project.path("side-effects.log"), "utf8").split("\n").filter(Boolean);
    expect(notes.sort()).toEqual(Array.from({ length: ITEMS }, (_, index) => `note ${index + 1}`).sort());
    // The last user of llm-do's Postgres stopped it.
    expect(existsSync(path.join(project.dir, ".llm-do/postgres/postmaster.pid"))).toBe(false);
  });

  test("with --no-durable, the same batch runs without a database, and a rerun skips finished items", async () => {
    await using project = await tempProject(files);
    await using server = await startFakeAnthropicServer((request) => answer(request, false));
    const args = [
      "batch",
      "main.worker",
      "tools.ts",
      "--inputs",
      "items.jsonl",
      "--out",
      "results.jsonl",
      "--no-durable",
    ];
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const first = await spawnCli(args, { cwd: project.dir, env }).result;
    expect([first.code, first.stderr.includes("Error")]).toEqual([0, false]);
    expect(first.stdout).toMatch(/^20 items: 20 ok, 0 failed\nUsage: 40 requests, /);
    expect(server.requests).toHaveLength(40);
    expect(existsSync(project.path(".llm-do"))).toBe(false);
    const again = await spawnCli(args, { cwd: project.dir, env }).result;
    expect(again.stdout).toContain("20 items: 20 ok, 0 failed (20 already in results.jsonl)");
    expect(server.requests).toHaveLength(40);
  });
});
