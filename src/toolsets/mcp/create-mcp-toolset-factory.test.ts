// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${NAME}` references are what these tests are about.
import { createServer } from "node:http";
import path from "node:path";
import { asSchema } from "ai";
import { afterEach, describe, expect, test } from "vitest";
import { isProcessRunning, waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { startNotesHttpServer } from "../../../test/fixtures/mcp/notes-http-server.mjs";
import { ConfigError } from "../../errors.js";
import { fakeCallContext } from "../../testing/fake-call-context.js";
import type { Toolset } from "../../tools/tool.js";
import type { ToolsetEnvironment } from "../toolset-factory.js";
import { createMcpToolsetFactory, type McpToolsetOptions, mcpToolset } from "./index.js";

const fixtures = path.resolve(import.meta.dirname, "../../../test/fixtures/mcp");
const node = process.execPath;

const environment: ToolsetEnvironment = {
  cwd: fixtures,
  workerFile: path.join(fixtures, "main.worker"),
  workerName: "main",
  env: { ...process.env, NOTES_SECRET: "not for servers", NOTES_TOKEN: "s3cret" },
};

const open: Toolset[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((toolset) => toolset.close?.()));
});

async function startNotes(
  server: Record<string, unknown> = { command: node, args: ["notes-server.mjs"] },
  options: McpToolsetOptions & { environment?: Partial<ToolsetEnvironment> } = {},
): Promise<Toolset> {
  const factory = createMcpToolsetFactory("notes", options);
  const config = factory.configSchema.parse({ mcp: server });
  const toolset = await factory.create(config, { ...environment, ...options.environment });
  open.push(toolset);
  return toolset;
}

function run(toolset: Toolset, name: string, input: unknown = {}, signal?: AbortSignal): Promise<unknown> {
  const found = toolset.tools[name];
  if (!found) throw new Error(`no tool '${name}' (have: ${Object.keys(toolset.tools).join(", ")})`);
  return Promise.resolve(found.execute(input, fakeCallContext(signal ? { signal } : {})));
}

async function processInfo(toolset: Toolset): Promise<Record<string, unknown>> {
  return JSON.parse(String(await run(toolset, "process_info")));
}

async function startFailure(
  server: Record<string, unknown>,
  options: McpToolsetOptions = {},
): Promise<Error> {
  const error = await startNotes(server, options).then(
    () => new Error("the server started"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as Error;
}

describe("an MCP server over stdio", () => {
  test("offers the server's tools with their descriptions and input schemas, needing approval", async () => {
    const notes = await startNotes();

    expect(Object.keys(notes.tools)).toEqual([
      "add_note",
      "list_notes",
      "two_lines",
      "logo",
      "fail",
      "crash",
      "slow",
      "process_info",
      "spawn_helper",
    ]);
    const addNote = notes.tools.add_note!;
    expect(addNote.description).toBe("Adds a note to the list.");
    expect(addNote.needsApproval).toBe(true);
    expect(await asSchema(addNote.inputSchema).jsonSchema).toEqual({
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { text: { type: "string", description: "The note's text" } },
      required: ["text"],
    });
    expect(addNote.describe?.({ text: "buy milk" })).toBe('notes.add_note({"text":"buy milk"})');
  });

  test("calls tools on the server and returns plain JSON", async () => {
    const notes = await startNotes();

    expect(await run(notes, "add_note", { text: "buy milk" })).toBe("Added note 1");
    expect(await run(notes, "add_note", { text: "call mum" })).toBe("Added note 2");
    expect(await run(notes, "list_notes")).toEqual({ notes: ["buy milk", "call mum"] });
    expect(await run(notes, "list_notes", undefined)).toEqual({ notes: ["buy milk", "call mum"] });
    expect(await run(notes, "two_lines")).toBe("first\nsecond");
    expect(await run(notes, "logo")).toEqual([
      { type: "image", data: "aGVsbG8=", mimeType: "image/png" },
      { type: "text", text: "the logo" },
    ]);
  });

  test("an isError result becomes a thrown error with the server's text", async () => {
    const notes = await startNotes();

    await expect(run(notes, "fail")).rejects.toThrow(new Error("the notes database is locked"));
    await expect(run(notes, "add_note", { text: 42 })).rejects.toThrow(
      "MCP error -32602: Input validation error: Invalid arguments for tool add_note: Invalid input: expected string, received number at text",
    );
    await expect(run(notes, "add_note", "buy milk")).rejects.toThrow(
      `MCP tool 'notes.add_note' takes an object of arguments, not "buy milk"`,
    );
    expect(await run(notes, "add_note", { text: "still works" })).toBe("Added note 1");
  });

  test("a server that crashes mid-call fails that call and every later one with the reason", async () => {
    const notes = await startNotes();
    const { pid } = await processInfo(notes);

    const message =
      "MCP server 'notes' is not running (it exited with code 1)\n  stderr| notes-server: crashing on purpose";
    await expect(run(notes, "crash")).rejects.toThrow(new Error(message));
    await expect(run(notes, "list_notes")).rejects.toThrow(new Error(message));
    expect(isProcessRunning(Number(pid))).toBe(false);
  });

  test("the call's signal cancels a slow call, and the server stays usable", async () => {
    const notes = await startNotes(undefined, { gracePeriod: 200 });
    const controller = new AbortController();
    const reason = new Error("run cancelled");

    const slow = run(notes, "slow", {}, controller.signal);
    setTimeout(() => controller.abort(reason), 50);

    await expect(slow).rejects.toBe(reason);
    expect(await run(notes, "add_note", { text: "after" })).toBe("Added note 1");
  });

  test("a call that outlives callTimeout fails with a clear message", async () => {
    const notes = await startNotes(undefined, { callTimeout: 100, gracePeriod: 200 });

    await expect(run(notes, "slow")).rejects.toThrow(
      new Error("MCP server 'notes' failed to run 'slow': no answer within 0.1 s"),
    );
  });

  test("close() stops the server and the processes it started", async () => {
    const notes = await startNotes();
    const { pid } = await processInfo(notes);
    const helperPid = Number(await run(notes, "spawn_helper"));
    expect(isProcessRunning(Number(pid))).toBe(true);
    expect(isProcessRunning(helperPid)).toBe(true);

    await notes.close?.();

    expect(isProcessRunning(Number(pid))).toBe(false);
    expect(await waitUntilGone(helperPid)).toBe(true);
    await expect(run(notes, "list_notes")).rejects.toThrow(new Error("MCP server 'notes' has been closed"));
    await notes.close?.();
  });

  test("runs in the configured directory, relative to the run's, with only safe variables plus env", async () => {
    const notes = await startNotes(
      {
        command: node,
        args: ["notes-server.mjs", "--flag"],
        cwd: "test/fixtures/mcp",
        env: { NOTES_GREETING: "hi ${NOTES_TOKEN}" },
      },
      { environment: { cwd: path.resolve(fixtures, "../../..") } },
    );

    expect(await processInfo(notes)).toMatchObject({
      cwd: fixtures,
      script: path.join(fixtures, "notes-server.mjs"),
      argv: ["--flag"],
      greeting: "hi s3cret",
      secret: null,
    });
  });

  test("without a key, the generic factory names the server by its command line", async () => {
    const config = mcpToolset.configSchema.parse({ mcp: { command: "nosuchcmd-llm-do", args: ["--stdio"] } });

    await expect(mcpToolset.create(config, environment)).rejects.toMatchObject({
      name: "ConfigError",
      message: "MCP server 'nosuchcmd-llm-do --stdio' failed to start: spawn nosuchcmd-llm-do ENOENT",
    });
  });
});

describe("an MCP server that fails to start", () => {
  test("a command that does not exist", async () => {
    const error = await startFailure({ command: "nosuchcmd-llm-do" });

    expect(error.message).toBe("MCP server 'notes' failed to start: spawn nosuchcmd-llm-do ENOENT");
  });

  test("a process that exits at once, with the end of its stderr", async () => {
    const error = await startFailure({
      command: node,
      args: ["-e", "console.error('reading config'); console.error('boom: no API key'); process.exit(3)"],
    });

    expect(error.message).toBe(
      "MCP server 'notes' failed to start: it exited with code 3\n  stderr| reading config\n  stderr| boom: no API key",
    );
  });

  test("a process that refuses the handshake, and is stopped", async () => {
    const refuse = [
      "console.error(process.pid);",
      "process.stdin.on('data', (line) => { const { id } = JSON.parse(line);",
      "process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32603, message: 'not today' } }) + '\\n'); });",
    ].join("");
    const error = await startFailure({ command: node, args: ["-e", refuse] });

    const [message, stderr] = error.message.split("\n");
    expect(message).toBe("MCP server 'notes' failed to start: MCP error -32603: not today");
    const pid = Number(stderr?.replace("  stderr| ", ""));
    expect(isProcessRunning(pid)).toBe(false);
  });

  test("a process that never answers, after startTimeout", async () => {
    const error = await startFailure(
      { command: node, args: ["-e", "console.error(process.pid); setInterval(() => {}, 1000)"] },
      { startTimeout: 200, gracePeriod: 100 },
    );

    const [message, stderr] = error.message.split("\n");
    expect(message).toBe("MCP server 'notes' failed to start: no answer to the MCP handshake within 0.2 s");
    expect(isProcessRunning(Number(stderr?.replace("  stderr| ", "")))).toBe(false);
  });

  test("a working directory that does not exist", async () => {
    const error = await startFailure({ command: node, args: ["notes-server.mjs"], cwd: "no/such/dir" });

    expect(error.message).toBe(
      `MCP server 'notes' failed to start: working directory '${path.join(fixtures, "no/such/dir")}' does not exist`,
    );
  });

  test("an env value that references an unset variable", async () => {
    const error = await startFailure({
      command: node,
      args: ["notes-server.mjs"],
      env: { TOKEN: "${LLM_DO_UNSET_TOKEN}" },
    });

    expect(error.message).toBe(
      "MCP server 'notes': env.TOKEN uses ${LLM_DO_UNSET_TOKEN}, which is not set in the environment",
    );
  });
});

describe("an MCP server over streamable HTTP", () => {
  test("calls tools with the configured headers, expanding ${NAME} from the run's environment", async () => {
    const server = await startNotesHttpServer();
    try {
      const notes = await startNotes({
        url: server.url,
        headers: { Authorization: "Bearer ${NOTES_TOKEN}" },
      });

      expect(notes.tools.add_note?.description).toBe("Adds a note to the list.");
      expect(await run(notes, "add_note", { text: "over http" })).toBe("Added note 1");
      expect(await run(notes, "list_notes")).toEqual({ notes: ["over http"] });
      expect(await processInfo(notes)).toMatchObject({ authorization: "Bearer s3cret" });
      await expect(run(notes, "fail")).rejects.toThrow(new Error("the notes database is locked"));

      await notes.close?.();
      await expect(run(notes, "list_notes")).rejects.toThrow(new Error("MCP server 'notes' has been closed"));
    } finally {
      await server.close();
    }
  });

  test("a server that goes away fails the call with the reason", async () => {
    const server = await startNotesHttpServer();
    const notes = await startNotes({ url: server.url });
    await server.close();

    // A kept-alive connection reports `other side closed`; a new one, ECONNREFUSED.
    await expect(run(notes, "list_notes")).rejects.toThrow(
      /^MCP server 'notes' failed to run 'list_notes': fetch failed \((other side closed|connect ECONNREFUSED .*)\)$/,
    );
  });

  test("a URL nothing listens on fails to start", async () => {
    const port = await unusedPort();

    const error = await startFailure({ url: `http://127.0.0.1:${port}/mcp` });

    expect(error.message).toBe(
      `MCP server 'notes' failed to start: fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}
