import { describe, expect, test } from "vitest";
import { isProcessRunning, waitUntilGone } from "../../../test/fixtures/is-process-running.js";
import { ChildProcessTransport } from "./child-process-transport.js";

function transportFor(script: string, gracePeriod = 100): ChildProcessTransport {
  return new ChildProcessTransport({
    command: process.execPath,
    args: ["-e", script],
    cwd: process.cwd(),
    env: {},
    gracePeriod,
  });
}

describe("ChildProcessTransport", () => {
  test("close() ends a well-behaved process by closing its stdin", async () => {
    // A generous grace: Node may still be booting when stdin closes on a loaded machine.
    const transport = transportFor("process.stdin.resume()", 10_000);
    await transport.start();
    const pid = transport.pid!;

    await transport.close();

    expect(transport.exit).toEqual({ code: 0, signal: null });
    expect(isProcessRunning(pid)).toBe(false);
  });

  test("close() escalates to SIGKILL for a process that ignores stdin and SIGTERM", async () => {
    const transport = transportFor(
      "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.error('ready')",
    );
    await transport.start();
    const pid = transport.pid!;
    await waitFor(() => transport.stderrTail === "ready");

    await transport.close();

    expect(transport.exit).toEqual({ code: null, signal: "SIGKILL" });
    expect(isProcessRunning(pid)).toBe(false);
  });

  test("close() also stops what the server started and left running (its process group)", async () => {
    // The server starts a child that outlives it, then exits when its stdin closes.
    const transport = transportFor(
      [
        "const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
        "child.unref(); console.error(child.pid); process.stdin.on('end', () => process.exit(0)); process.stdin.resume();",
      ].join(" "),
      10_000,
    );
    await transport.start();
    await waitFor(() => /^\d+$/.test(transport.stderrTail));
    const leftover = Number(transport.stderrTail);
    expect(isProcessRunning(leftover)).toBe(true);

    await transport.close();

    expect(transport.exit).toEqual({ code: 0, signal: null });
    expect(await waitUntilGone(leftover)).toBe(true);
  });

  test("reports the exit, keeps the end of stderr, and fires onclose once", async () => {
    const transport = transportFor(
      "process.stderr.write('x'.repeat(3000) + 'last words'); process.exitCode = 4",
    );
    let closes = 0;
    transport.onclose = () => closes++;
    await transport.start();

    await waitFor(() => transport.exit !== undefined);

    expect(transport.exit).toEqual({ code: 4, signal: null });
    expect(transport.stderrTail).toHaveLength(2000);
    expect(transport.stderrTail.endsWith("last words")).toBe(true);
    await expect(transport.send({ jsonrpc: "2.0", method: "ping" })).rejects.toThrow(
      "the server is not running",
    );
    await transport.close();
    expect(closes).toBe(1);
  });

  test("passes JSON-RPC lines both ways and reports lines that are not JSON-RPC", async () => {
    const echo = "process.stdout.write('not json\\n'); process.stdin.pipe(process.stdout)";
    const transport = transportFor(echo);
    const messages: unknown[] = [];
    const errors: string[] = [];
    transport.onmessage = (message) => messages.push(message);
    transport.onerror = (error) => errors.push(error.message);
    await transport.start();

    await transport.send({ jsonrpc: "2.0", id: 1, method: "ping" });
    await waitFor(() => messages.length === 1);
    await transport.close();

    expect(messages).toEqual([{ jsonrpc: "2.0", id: 1, method: "ping" }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^the server wrote a line that is not JSON-RPC: /);
  });

  test("start() rejects when the command cannot be spawned, and close() then returns at once", async () => {
    const transport = new ChildProcessTransport({
      command: "nosuchcmd-llm-do",
      args: [],
      cwd: process.cwd(),
      env: {},
    });

    await expect(transport.start()).rejects.toThrow("spawn nosuchcmd-llm-do ENOENT");
    await transport.close();
    expect(transport.exit).toBeUndefined();
  });
});

async function waitFor(condition: () => boolean, timeout = 3000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
