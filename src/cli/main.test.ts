import { existsSync } from "node:fs";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, test, vi } from "vitest";
import { tempProject } from "../testing/temp-project.js";
import type { CliIo, CliSignal } from "./cli-io.js";
import { main } from "./main.js";

class Collector {
  text = "";
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

const ECHO_WORKER = "---\nname: main\nmodel: builtin:echo\n---\nEcho.\n";

function makeIo(cwd: string, overrides: Partial<CliIo> = {}) {
  const stdout = new Collector();
  const stderr = new Collector();
  const handlers = new Map<CliSignal, () => void>();
  const exit = vi.fn<(code: number) => void>();
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: {},
    cwd,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    onSignal: (signal, handler) => {
      handlers.set(signal, handler);
      return () => {
        handlers.delete(signal);
      };
    },
    exit,
    ...overrides,
  };
  const send = (signal: CliSignal) => handlers.get(signal)?.();
  return { io, stdout, stderr, exit, send, interrupt: () => send("SIGINT"), handlers };
}

describe("main", () => {
  test("runs an entry from files relative to io.cwd and prints the result", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stdout, stderr } = makeIo(project.dir);
    expect(await main(["main.worker", "hello", "there"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hello there\n");
    expect(stderr.text).toBe("");
  });

  test("LLM_DO_MODEL comes from io.env", async () => {
    await using project = await tempProject({ "main.worker": "---\nname: main\n---\nEcho.\n" });
    const { io, stdout } = makeIo(project.dir, { env: { LLM_DO_MODEL: "builtin:echo" } });
    expect(await main(["main.worker", "hi"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hi\n");
  });

  test("no prompt words and a terminal on stdin: usage error, stdin is not read", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stderr } = makeIo(project.dir, { stdin: new PassThrough(), stdinIsTTY: true });
    expect(await main(["main.worker"], io)).toBe(2);
    expect(stderr.text).toBe("Error: Prompt required (as argument or via stdin)\n");
  });

  test("a terminal on stdout selects the TUI mode (for now a headless run with progress)", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stdout, stderr } = makeIo(project.dir, { stdoutIsTTY: true, stdinIsTTY: true });
    expect(await main(["main.worker", "hi"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hi\n");
    expect(stderr.text).toContain("[main] Start (builtin:echo)");
  });

  test("--tui and --chat are accepted when stdout is a terminal", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io } = makeIo(project.dir, { stdoutIsTTY: true });
    expect(await main(["main.worker", "hi", "--tui", "--chat"], io)).toBe(0);
  });

  test("Ctrl+C while waiting for stdin: Aborted, exit 130", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stderr, interrupt } = makeIo(project.dir, { stdin: new PassThrough() });
    const running = main(["main.worker"], io);
    await new Promise((resolve) => setTimeout(resolve, 20));
    interrupt();
    expect(await running).toBe(130);
    expect(stderr.text).toBe("Aborted\n");
  });

  test("a second Ctrl+C exits at once through io.exit(130)", async () => {
    await using project = await tempProject({
      "main.worker": ECHO_WORKER,
      "tools.ts": `
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tool, toolset } from "llm-do";
import { z } from "zod";
export const stuck = toolset({
  hang: tool({
    description: "Never finishes and ignores the abort signal.",
    inputSchema: z.object({ input: z.string() }),
    execute: (_input, ctx) => {
      writeFileSync(join(ctx.cwd, "started"), "");
      return new Promise(() => {});
    },
  }),
});
`,
    });
    const { io, stderr, exit, interrupt } = makeIo(project.dir);
    void main(["tools.ts", "--entry", "hang", "go"], io);
    await vi.waitFor(() => expect(existsSync(project.path("started"))).toBe(true), { timeout: 10_000 });
    interrupt();
    expect(exit).not.toHaveBeenCalled();
    interrupt();
    expect(exit).toHaveBeenCalledWith(130);
    expect(stderr.text).toBe("Aborted\n");
  });

  test.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s while waiting for stdin: Aborted, exit %i", async (signal, code) => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stderr, send } = makeIo(project.dir, { stdin: new PassThrough() });
    const running = main(["main.worker"], io);
    await new Promise((resolve) => setTimeout(resolve, 20));
    send(signal);
    expect(await running).toBe(code);
    expect(stderr.text).toBe("Aborted\n");
  });

  test("with --json, the error record of a SIGTERM says exit 143", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, stderr, send } = makeIo(project.dir, { stdin: new PassThrough() });
    const running = main(["main.worker", "--json"], io);
    await new Promise((resolve) => setTimeout(resolve, 20));
    send("SIGTERM");
    expect(await running).toBe(143);
    const records = stderr.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string; exitCode?: number });
    expect(records.at(-1)).toMatchObject({ type: "error", exitCode: 143 });
  });

  test("a second signal of another kind exits at once with its own code", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const { io, exit, send } = makeIo(project.dir, { stdin: new PassThrough() });
    const running = main(["main.worker"], io);
    await new Promise((resolve) => setTimeout(resolve, 20));
    send("SIGINT");
    expect(exit).not.toHaveBeenCalled();
    send("SIGTERM");
    expect(exit).toHaveBeenCalledWith(143);
    expect(await running).toBe(130);
  });

  test("an unknown option with --json: a header and an error record", async () => {
    await using project = await tempProject();
    const { io, stderr } = makeIo(project.dir);
    expect(await main(["--json", "--nope"], io)).toBe(2);
    const lines = stderr.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines.map((line) => line.type)).toEqual(["llm-do", "error"]);
  });

  test("SIGINT, SIGTERM and SIGHUP are handled, and the handlers removed when main returns", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const unsubscribe = vi.fn();
    const subscribed: CliSignal[] = [];
    const { io } = makeIo(project.dir, {
      onSignal: (signal) => {
        subscribed.push(signal);
        return unsubscribe;
      },
    });
    await main(["main.worker", "hi"], io);
    expect(subscribed).toEqual(["SIGINT", "SIGTERM", "SIGHUP"]);
    expect(unsubscribe).toHaveBeenCalledTimes(3);
  });
});

describe("main --input-json", () => {
  const SCHEMA_WORKER = [
    "---",
    "name: main",
    "model: builtin:echo",
    "schema_in:",
    "  type: object",
    "  properties: { url: { type: string }, depth: { type: integer } }",
    "  required: [url]",
    "---",
    "Echo.",
    "",
  ].join("\n");
  const CODE_ENTRY = `
import { tool, toolset } from "llm-do";
import { z } from "zod";
export const steps = toolset({
  double: tool({
    description: "Doubles n.",
    inputSchema: z.object({ n: z.number() }),
    execute: ({ n }) => ({ doubled: n * 2 }),
  }),
});
`;

  test("gives the entry an object, inline or from @FILE; stdin is not read", async () => {
    await using project = await tempProject({
      "main.worker": SCHEMA_WORKER,
      "input.json": '{ "url": "https://example.com", "depth": 2 }',
    });
    const { io, stdout, stderr } = makeIo(project.dir, { stdin: Readable.from(["ignored"]) });
    expect(await main(["main.worker", "--input-json", '{"url": "https://example.com"}'], io)).toBe(0);
    expect(stdout.text).toBe('Echo: {\n  "url": "https://example.com"\n}\n');
    expect(stderr.text).toBe("");
    const second = makeIo(project.dir);
    expect(await main(["main.worker", "--input-json", "@input.json"], second.io)).toBe(0);
    expect(second.stdout.text).toBe('Echo: {\n  "url": "https://example.com",\n  "depth": 2\n}\n');
  });

  test("checks the object against the entry's schema_in before any model call", async () => {
    await using project = await tempProject({ "main.worker": SCHEMA_WORKER });
    const { io, stdout, stderr } = makeIo(project.dir);
    expect(await main(["main.worker", "--input-json", '{"depth": 1.5}'], io)).toBe(1);
    expect(stdout.text).toBe("");
    expect(stderr.text).toBe(
      "Error: Invalid input for main: url: expected string, received undefined; depth: expected int, received number\n",
    );
  });

  test("gives a code entry its arguments, checked against its zod schema", async () => {
    await using project = await tempProject({ "tools.ts": CODE_ENTRY });
    const ok = makeIo(project.dir);
    expect(await main(["tools.ts", "--entry", "double", "--input-json", '{"n": 21}'], ok.io)).toBe(0);
    expect(ok.stdout.text).toBe('{\n  "doubled": 42\n}\n');
    const bad = makeIo(project.dir);
    expect(await main(["tools.ts", "--entry", "double", "--input-json", '{"n": "21"}'], bad.io)).toBe(1);
    expect(bad.stderr.text).toBe("Error: Invalid input for double: n: expected number, received string\n");
  });

  test("is a usage error with prompt words, with --chat, or when it is not a JSON object", async () => {
    await using project = await tempProject({ "main.worker": ECHO_WORKER });
    const cases: [string[], string][] = [
      [
        ["main.worker", "hello", "--input-json", "{}"],
        "Error: Cannot combine --input-json and a prompt ('hello'): give the input one way\n",
      ],
      [
        ["main.worker", "--input-json", "{}", "--chat", "--tui"],
        "Error: Cannot combine --input-json and --chat\n",
      ],
      [["main.worker", "--input-json", "[1]"], expect.stringContaining("expected a JSON object") as never],
      [
        ["main.worker", "--input-json", "@nope.json"],
        expect.stringContaining("--input-json @nope.json: file not found") as never,
      ],
    ];
    for (const [argv, message] of cases) {
      const { io, stderr } = makeIo(project.dir, { stdoutIsTTY: true });
      expect(await main(argv, io)).toBe(2);
      expect(stderr.text).toEqual(message);
    }
  });
});

describe("main with a project file (llm-do.yaml)", () => {
  const GATED_TOOLS = `
import { tool, toolset } from "llm-do";
import { z } from "zod";
export const steps = toolset({
  main: tool({
    description: "Calls danger.",
    inputSchema: z.object({ input: z.string() }),
    execute: async (_input, ctx) => ctx.call("danger", {}),
  }),
  danger: tool({
    description: "Needs approval.",
    inputSchema: z.object({}),
    needsApproval: true,
    execute: () => "done",
  }),
});
`;

  test("no files on the command line: the project's files, entry and default input", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "entry: greeter\nfiles: [workers/greeter.worker]\ninput: hello from the project\n",
      "workers/greeter.worker": ECHO_WORKER.replace("name: main", "name: greeter"),
    });
    const { io, stdout, stderr } = makeIo(project.dir);
    const code = await main([], io);
    expect(stderr.text).toBe("");
    expect(code).toBe(0);
    expect(stdout.text).toBe("Echo: hello from the project\n");
    expect(stderr.text).toBe("");
    const prompted = makeIo(project.dir);
    expect(await main(["hi", "-v"], prompted.io)).toBe(0);
    expect(prompted.stdout.text).toBe("Echo: hi\n");
    expect(prompted.stderr.text).toMatch(/^Project file: llm-do\.yaml\n/);
  });

  test("is found from a folder below it; its files are relative to it", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: [main.worker]\n",
      "main.worker": ECHO_WORKER,
      "notes/.keep": "",
    });
    const { io, stdout, stderr } = makeIo(project.path("notes"));
    expect(await main(["hi", "-v"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hi\n");
    expect(stderr.text).toMatch(/^Project file: \.\.\/llm-do\.yaml\n/);
  });

  test("its model is the default: below the front matter and --model, above LLM_DO_MODEL", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: [main.worker]\nmodel: builtin:echo\n",
      "main.worker": "---\nname: main\n---\nEcho.\n",
    });
    const { io, stdout } = makeIo(project.dir, { env: { LLM_DO_MODEL: "nope:nothing" } });
    expect(await main(["hi"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hi\n");
    const overridden = makeIo(project.dir);
    expect(await main(["hi", "--model", "nope:nothing"], overridden.io)).toBe(1);
    expect(overridden.stderr.text).toContain("nope");
  });

  test("its approval decides when no flag does; a flag wins", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: [tools.ts]\napproval: approve_all\n",
      "tools.ts": GATED_TOOLS,
    });
    const approved = makeIo(project.dir);
    expect(await main(["go"], approved.io)).toBe(0);
    expect(approved.stdout.text).toBe("done\n");
    const rejected = makeIo(project.dir);
    expect(await main(["go", "--reject-all"], rejected.io)).toBe(1);
    expect(rejected.stderr.text).toContain("Approval denied for danger");
  });

  test("is not read when the command line names files", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: [missing.worker]\n",
      "main.worker": ECHO_WORKER,
    });
    const { io, stdout } = makeIo(project.dir);
    expect(await main(["main.worker", "hi"], io)).toBe(0);
    expect(stdout.text).toBe("Echo: hi\n");
  });

  test("a wrong project file fails with its position; none at all is a usage error", async () => {
    await using project = await tempProject({
      "llm-do.yaml": "files: [main.worker]\napprove: all\n",
      "main.worker": ECHO_WORKER,
    });
    const { io, stderr } = makeIo(project.dir);
    expect(await main(["hi"], io)).toBe(1);
    expect(stderr.text).toBe("Error: llm-do.yaml:2:1: unknown field 'approve' (did you mean 'approval'?)\n");
    await using empty = await tempProject({ "a/.keep": "" });
    const none = makeIo(empty.path("a"));
    expect(await main(["hi"], none.io)).toBe(2);
    expect(none.stderr.text).toContain("or a project file (llm-do.yaml) in this folder or above");
  });
});
