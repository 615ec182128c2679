/**
 * `llm-do FILE... --durable "prompt"` through the real CLI, on a Postgres of the user's
 * (`--database-url`): killed while the model answers its second request, the same command
 * resumes without sending the first again or repeating the tool call; once it succeeded, the
 * same command runs afresh.
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
  "main.worker":
    "---\nname: main\nmodel: anthropic:claude-haiku-4-5\ntoolsets:\n  notes: {}\n---\nNote, then answer.\n",
  "tools.ts": `import { appendFileSync } from "node:fs";
import { tool, toolset } from "llm-do";
import { z } from "zod";

export const notes = toolset({
  note: tool({
    description: "Write a note.",
    inputSchema: z.object({ text: z.string() }),
    execute: ({ text }) => {
      appendFileSync("side-effects.log", text + "\\n");
      return "noted";
    },
  }),
});
`,
};

const stepOf = (request: RecordedRequest) =>
  (request.body.messages as Array<{ role: string }>).filter((message) => message.role === "assistant")
    .length + 1;

// Three llm-do processes with Postgres and DBOS: a few seconds on a quiet machine, more when busy.
describe("llm-do --durable", { timeout: 60_000 }, () => {
  test("a killed run resumes from its steps; a finished one is forgotten", async () => {
    await using project = await tempProject(files);
    let hold = true;
    await using server = await startFakeAnthropicServer((request) =>
      stepOf(request) === 1
        ? toolUseResponse("note", { text: "once" })
        : hold
          ? { type: "hold" }
          : textResponse("finished"),
    );
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = ["main.worker", "tools.ts", "--durable", "--database-url", await freshDatabaseUrl(), "go"];

    const first = spawnCli(args, { cwd: project.dir, env });
    await server.waitForRequests(2);
    first.child.kill("SIGKILL");
    await first.result;

    hold = false;
    const second = await runCli(args, { cwd: project.dir, env });
    expect([second.code, second.stdout, second.stderr]).toEqual([0, "finished\n", ""]);
    expect(server.requests.map(stepOf)).toEqual([1, 2, 2]);
    expect(readFileSync(project.path("side-effects.log"), "utf8")).toBe("once\n");

    const third = await runCli(args, { cwd: project.dir, env });
    expect([third.code, third.stdout]).toEqual([0, "finished\n"]);
    expect(server.requests.map(stepOf)).toEqual([1, 2, 2, 1, 2]);
  });

  test("refuses --database-url without --durable, and --durable with the TUI", async () => {
    await using project = await tempProject(files);
    const url = await runCli(["main.worker", "--database-url", "postgresql://x/y", "go"], {
      cwd: project.dir,
    });
    expect([url.code, url.stderr]).toEqual([
      2,
      "Error: --database-url is the database of durable runs: add --durable (or use llm-do batch)\n",
    ]);
    const chat = await runCli(["main.worker", "--durable", "--chat", "go"], { cwd: project.dir });
    expect([chat.code, chat.stderr]).toEqual([
      2,
      "Error: Cannot combine --durable and --chat: a durable run is headless\n",
    ]);
  });
});
