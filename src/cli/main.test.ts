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
