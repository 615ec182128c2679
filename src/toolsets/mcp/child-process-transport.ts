/**
 * @module An MCP client transport over a child process's stdin/stdout that remembers how the
 * process ended and what it last wrote to stderr, and that shuts it down without leaving
 * orphans.
 *
 * Kept by hand, measured against the MCP SDK 1.32's `StdioClientTransport` with `stderr: "pipe"`:
 * it reports no exit code or signal (so no "it exited with code 3"), starts the server in our
 * process group and signals only the server (its own children were still running after
 * `close()`), takes a fixed 4 s to close a server that ignores stdin (SIGKILL even after SIGTERM
 * worked), and fills the environment from `process.env` rather than the run's. The framing is
 * the SDK's (`ReadBuffer`, `serializeMessage`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { ReadBuffer, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { errorMessage } from "../../errors.js";
import { signalProcessGroup } from "../../util/signal-process-group.js";

/** How a process ended. */
export interface ProcessExit {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it, or null when it exited by itself. */
  signal: NodeJS.Signals | null;
}

/** Options for {@link ChildProcessTransport}. */
export interface ChildProcessTransportOptions {
  /** The executable. */
  command: string;
  /** Its arguments. */
  args: readonly string[];
  /** Its working directory (absolute). */
  cwd: string;
  /** Its whole environment. */
  env: Readonly<Record<string, string>>;
  /** How long `close()` waits after closing stdin, and again after SIGTERM (default 2000 ms). */
  gracePeriod?: number;
  /** How many trailing characters of stderr to keep (default 2000). */
  stderrLimit?: number;
}

// A process group lets close() reach the server's own children too; Windows has no such thing.
const usesProcessGroup = process.platform !== "win32";

/**
 * Starts an MCP server process and carries JSON-RPC messages over its stdin/stdout, one per line.
 *
 * Contract: `start()` rejects when the process cannot be spawned (e.g. `spawn nosuchcmd ENOENT`).
 * `onclose` fires once, after the process has exited and `exit` is set. `close()` closes stdin,
 * then sends SIGTERM, then SIGKILL, waiting `gracePeriod` between steps, and resolves only after
 * the process has exited and whatever it left in its process group has been sent SIGTERM.
 */
export class ChildProcessTransport implements Transport {
  onclose?: Transport["onclose"];
  onerror?: Transport["onerror"];
  onmessage?: Transport["onmessage"];

  readonly #options: ChildProcessTransportOptions;
  readonly #readBuffer = new ReadBuffer();
  #child: ChildProcess | undefined;
  #exited: Promise<ProcessExit> | undefined;
  #exit: ProcessExit | undefined;
  #stderr = "";
  #closing: Promise<void> | undefined;

  constructor(options: ChildProcessTransportOptions) {
    this.#options = options;
  }

  /** The process id once started, or null. */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  /** How the process ended, once it has. */
  get exit(): ProcessExit | undefined {
    return this.#exit;
  }

  /** The end of what the process wrote to stderr, trimmed. */
  get stderrTail(): string {
    return this.#stderr.trim();
  }

  /** Spawns the process; resolves once it is running. */
  start(): Promise<void> {
    if (this.#child) return Promise.reject(new Error("ChildProcessTransport already started"));
    const { command, args, cwd, env } = this.#options;
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: usesProcessGroup,
      windowsHide: true,
    });
    this.#child = child;
    const started = Promise.withResolvers<void>();
    const exited = Promise.withResolvers<ProcessExit>();
    this.#exited = exited.promise;
    let hasSpawned = false;
    child.once("spawn", () => {
      hasSpawned = true;
      started.resolve();
    });
    child.on("error", (error) => (hasSpawned ? this.onerror?.(error) : started.reject(error)));
    child.once("close", (code, signal) => {
      if (!hasSpawned) return;
      this.#exit = { code, signal };
      exited.resolve(this.#exit);
      this.onclose?.();
    });
    this.#listen(child);
    return started.promise;
  }

  #listen(child: ChildProcess): void {
    const limit = this.#options.stderrLimit ?? 2000;
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-limit);
    });
    child.stdout?.on("data", (chunk: Buffer) => this.#receive(chunk));
    child.stdout?.on("error", (error) => this.onerror?.(error));
    // Writing to a process that has just died fails with EPIPE; `send` reports it, this keeps it
    // from becoming an uncaught exception.
    child.stdin?.on("error", (error) => this.onerror?.(error));
  }

  #receive(chunk: Buffer): void {
    try {
      this.#readBuffer.append(chunk);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(errorMessage(error)));
      return;
    }
    for (;;) {
      try {
        const message = this.#readBuffer.readMessage();
        if (message === null) return;
        this.onmessage?.(message);
      } catch (error) {
        // A line that is not JSON-RPC (a server logging to stdout): report it and read on.
        this.onerror?.(new Error(`the server wrote a line that is not JSON-RPC: ${errorMessage(error)}`));
      }
    }
  }

  /** Writes one message; rejects when the process is gone or the write fails. */
  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (!stdin || this.#exit || !stdin.writable)
      return Promise.reject(new Error("the server is not running"));
    const exited = this.#exited;
    return new Promise((resolve, reject) => {
      stdin.write(serializeMessage(message), (error) => {
        if (!error) return resolve();
        // EPIPE usually means the process is exiting: give it a moment, so that `exit` (and
        // with it the reason) is known by the time the caller hears of the failure.
        void (exited ? this.#waitForExit(exited, 500) : Promise.resolve()).finally(() => reject(error));
      });
    });
  }

  /** Stops the process (see the class contract). Safe to call more than once, or concurrently. */
  close(): Promise<void> {
    this.#closing ??= this.#stop();
    return this.#closing;
  }

  async #stop(): Promise<void> {
    const child = this.#child;
    const exited = this.#exited;
    if (!child || !exited || child.pid === undefined) return;
    if (!this.#exit) {
      child.stdin?.end();
      if (!(await this.#waitForExit(exited))) {
        signalProcessGroup(child, "SIGTERM");
        if (!(await this.#waitForExit(exited))) {
          signalProcessGroup(child, "SIGKILL");
          await exited;
        }
      }
    }
    if (usesProcessGroup) signalProcessGroup(child, "SIGTERM");
    this.#readBuffer.clear();
  }

  async #waitForExit(
    exited: Promise<ProcessExit>,
    limit = this.#options.gracePeriod ?? 2000,
  ): Promise<boolean> {
    const timer = new AbortController();
    try {
      return await Promise.race([exited.then(() => true), delay(limit, false, { signal: timer.signal })]);
    } finally {
      timer.abort();
    }
  }
}
