/**
 * `llm-do batch` through the real CLI: usage errors, approvals in a batch, --json records,
 * --trace and --record per item, a folder of attachments, one batch per results file, and the
 * batch budget (durable: stopped, then resumed with a higher limit).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { tempProject } from "../../src/testing/temp-project.js";
import { runCli, spawnCli } from "../cli/run-cli.js";
import {
  type RecordedRequest,
  startFakeAnthropicServer,
  textResponse,
  toolUseResponse,
} from "../support/fake-anthropic-server.js";
import { seedProjectPostgres } from "../support/test-postgres.js";

const worker = (extra = "") => `---\nname: main\nmodel: anthropic:claude-haiku-4-5\n${extra}---\nAnswer.\n`;
const lines = (text: string) => text.split("\n").filter(Boolean);
const firstText = (request: RecordedRequest) => JSON.stringify((request.body.messages as unknown[])[0]);

// Each test runs the CLI several times; the last one starts Postgres and DBOS twice.
describe("llm-do batch", { timeout: 60_000 }, () => {
  test("usage errors exit 2 with one line naming the problem", async () => {
    await using project = await tempProject({ "main.worker": worker(), "items.jsonl": '"a"\n' });
    const cases: Array<[string[], string]> = [
      [
        ["main.worker", "--out", "r.jsonl"],
        "Error: required option '--inputs <items>' not specified (see llm-do batch --help)\n",
      ],
      [
        ["main.worker", "--inputs", "items.jsonl"],
        "Error: required option '--out <results>' not specified (see llm-do batch --help)\n",
      ],
      [
        ["main.worker", "--inputs", "items.jsonl", "--out", "r.jsonl", "--approve-all", "--reject-all"],
        "Error: Cannot combine --approve-all and --reject-all\n",
      ],
      [
        ["main.worker", "--inputs", "nope.jsonl", "--out", "r.jsonl"],
        "Error: --inputs nope.jsonl: no such file or folder\n",
      ],
      [
        ["main.worker", "--inputs", "items.jsonl", "--out", "r.jsonl", "--concurrency", "0"],
        "Error: option '--concurrency <n>' argument '0' is invalid. expected a positive integer (see llm-do batch --help)\n",
      ],
      [["--inputs", "items.jsonl", "--out", "r.jsonl"], "At least one .worker or tool file"],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(["batch", ...args], { cwd: project.dir });
      expect([result.code, result.stderr]).toEqual([2, expect.stringContaining(message)]);
      expect(lines(result.stderr)).toHaveLength(1);
    }
    expect(existsSync(project.path("r.jsonl"))).toBe(false);
  });

  test("with --json, a problem found before the batch starts is the stream's last record, after one header", async () => {
    await using project = await tempProject({ "main.worker": worker(), "items.jsonl": '"a"\n{oops\n' });
    const result = await runCli(
      ["batch", "main.worker", "--inputs", "items.jsonl", "--out", "r.jsonl", "--no-durable", "--json"],
      { cwd: project.dir },
    );
    const records = lines(result.stderr).map((line) => JSON.parse(line));
    expect(result.code).toBe(1);
    expect(records.map((record) => record.type)).toEqual(["llm-do", "error"]);
    expect(records[1].error.message).toMatch(/^items\.jsonl:2: not JSON/);
  });

  test("a call that needs approval fails its item with a clear error; the batch goes on and exits 1", async () => {
    await using project = await tempProject({
      "main.worker": worker("toolsets:\n  filesystem: {}\n"),
      "items.jsonl": '"write"\n"talk"\n',
    });
    await using server = await startFakeAnthropicServer((request) =>
      firstText(request).includes("write") && !JSON.stringify(request.body.messages).includes("tool_result")
        ? toolUseResponse("write_file", { path: "out.txt", content: "x" })
        : textResponse("fine"),
    );
    const result = await runCli(
      [
        "batch",
        "main.worker",
        "--inputs",
        "items.jsonl",
        "--out",
        "r.jsonl",
        "--no-durable",
        "--concurrency",
        "1",
      ],
      { cwd: project.dir, env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" } },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "2 items: 1 ok, 1 failed\n  failed 1: Approval denied for write_file: use --approve-all to allow it in headless mode\n",
    );
    const [failed, ok] = lines(readFileSync(project.path("r.jsonl"), "utf8")).map((line) => JSON.parse(line));
    expect(failed).toMatchObject({
      key: "1",
      outcome: "error",
      error: { name: "ApprovalDeniedError", code: "APPROVAL_DENIED" },
    });
    expect(ok).toMatchObject({ key: "2", outcome: "ok", output: "fine" });
    expect(existsSync(project.path("out.txt"))).toBe(false);
  });

  test("--json writes the batch's records; --trace and --record write one file per item", async () => {
    await using project = await tempProject({ "main.worker": worker(), "items.jsonl": '"a"\n"b"\n' });
    await using server = await startFakeAnthropicServer(() => textResponse("answer"));
    const result = await runCli(
      [
        "batch",
        "main.worker",
        "--inputs",
        "items.jsonl",
        "--out",
        "r.jsonl",
        "--no-durable",
        "--json",
      ].concat(["--trace", "traces", "--record", "recordings"]),
      { cwd: project.dir, env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" } },
    );
    expect(result.code).toBe(0);
    const records = lines(result.stderr).map((line) => JSON.parse(line));
    expect(records.map((record) => record.type)).toEqual([
      "llm-do",
      "batch-start",
      "item-start",
      "item-start",
      "item-end",
      "item-end",
      "batch-end",
    ]);
    expect(records[1]).toMatchObject({ total: 2, alreadyDone: 0, concurrency: 4, durable: false });
    expect(records.at(-1)).toMatchObject({ outcome: "ok", totals: { total: 2, done: 2, failed: 0 } });
    expect(readdirSync(project.path("traces")).sort()).toEqual(["1.json", "2.json"]);
    expect(readdirSync(project.path("recordings")).sort()).toEqual(["1.replay", "2.replay"]);
    expect(readFileSync(project.path("recordings/2.replay"), "utf8")).toContain("answer");
  });

  test("a recording made with --record DIR replays the batch offline with --model replay:FILE", async () => {
    await using project = await tempProject({ "main.worker": worker(), "items.jsonl": '"same"\n"same"\n' });
    await using server = await startFakeAnthropicServer(() => textResponse("recorded answer"));
    const recorded = await runCli(
      [
        "batch",
        "main.worker",
        "--inputs",
        "items.jsonl",
        "--out",
        "r1.jsonl",
        "--no-durable",
        "--record",
        "rec",
      ],
      { cwd: project.dir, env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" } },
    );
    expect(recorded.code).toBe(0);
    const replayed = await runCli(
      ["batch", "main.worker", "--inputs", "items.jsonl", "--out", "r2.jsonl", "--no-durable"].concat([
        "--model",
        "replay:rec/1.replay",
      ]),
      { cwd: project.dir },
    );
    expect([replayed.code, replayed.stdout]).toEqual([0, expect.stringContaining("2 items: 2 ok, 0 failed")]);
    const outputs = lines(readFileSync(project.path("r2.jsonl"), "utf8")).map(
      (line) => JSON.parse(line).output,
    );
    expect(outputs).toEqual(["recorded answer", "recorded answer"]);
    expect(server.requests).toHaveLength(2);
  });

  test("a folder's files are items, attached, with the prompt words as their text", async () => {
    await using project = await tempProject({
      "main.worker": worker(),
      "notes/a.txt": "alpha",
      "notes/b.txt": "beta",
    });
    await using server = await startFakeAnthropicServer(() => textResponse("read"));
    const result = await runCli(
      ["batch", "main.worker", "--inputs", "notes", "--out", "r.jsonl", "--no-durable", "Summarise", "this"],
      { cwd: project.dir, env: { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" } },
    );
    expect(result.code).toBe(0);
    const sent = server.requests.map((request) => JSON.stringify(request.body.messages)).sort();
    expect(sent[0]).toContain("Summarise this");
    expect(sent[0]).toContain('"data":"alpha"},"title":"a.txt"');
    expect(sent[1]).toContain('"data":"beta"},"title":"b.txt"');
    expect(
      lines(readFileSync(project.path("r.jsonl"), "utf8"))
        .map((line) => JSON.parse(line).key)
        .sort(),
    ).toEqual(["a.txt", "b.txt"]);
  });

  test("one batch at a time writes a results file", async () => {
    await using project = await tempProject({ "main.worker": worker(), "items.jsonl": '"a"\n' });
    await using server = await startFakeAnthropicServer(() => ({ type: "hold" }));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = ["batch", "main.worker", "--inputs", "items.jsonl", "--out", "r.jsonl", "--no-durable"];
    const first = spawnCli(args, { cwd: project.dir, env });
    await server.waitForRequests(1);
    const second = await runCli(args, { cwd: project.dir, env });
    expect([second.code, second.stderr]).toEqual([
      1,
      `Error: The batch writing r.jsonl is held by another llm-do process (pid ${first.child.pid}, lock ${project.path("r.jsonl.lock")})\n`,
    ]);
    first.child.kill("SIGINT");
    const interrupted = await first.result;
    expect([interrupted.code, interrupted.stderr]).toEqual([130, expect.stringContaining("Aborted")]);
    expect(existsSync(project.path("r.jsonl.lock"))).toBe(false);
  });

  test("--max-calls stops a durable batch; the same command with a higher limit finishes it", async () => {
    await using project = await tempProject({
      "main.worker": worker(),
      "items.jsonl": `${["a", "b", "c", "d"].map((item) => JSON.stringify(item)).join("\n")}\n`,
    });
    seedProjectPostgres(project.dir);
    await using server = await startFakeAnthropicServer(() => textResponse("ok"));
    const env = { ANTHROPIC_BASE_URL: server.baseUrl, ANTHROPIC_API_KEY: "test" };
    const args = [
      "batch",
      "main.worker",
      "--inputs",
      "items.jsonl",
      "--out",
      "r.jsonl",
      "--concurrency",
      "1",
    ];
    const stopped = await runCli([...args, "--max-calls", "2"], { cwd: project.dir, env });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /^Error: Budget exceeded: max_calls 2 for the batch \(--max-calls\) was crossed by item 3 \(main, step 1\); 3 model requests made\. Items not finished are left to run/m,
    );
    expect(stopped.stdout).toContain("4 items: 2 ok, 0 failed, 2 not run");
    const resumed = await runCli([...args, "--max-calls", "10"], { cwd: project.dir, env });
    expect([resumed.code, resumed.stdout]).toEqual([
      0,
      expect.stringContaining("4 items: 4 ok, 0 failed (2 already in r.jsonl)"),
    ]);
    // Item 3's request, answered before the stop, was recorded: it is not sent again.
    expect(server.requests).toHaveLength(4);
  });
});
