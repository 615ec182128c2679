/**
 * @module Opens a page in headless Chromium and drives it over the DevTools protocol (a
 * WebSocket, Node's global one): evaluate script, click at a point.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The Chromium binary, if installed. */
export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => existsSync(file));

/** A page in a running browser. */
export interface BrowserPage extends AsyncDisposable {
  /** Evaluates an expression in the page and returns its value (JSON). */
  evaluate<T>(expression: string): Promise<T>;
  /** A real mouse click (press and release) at page coordinates. */
  click(x: number, y: number): Promise<void>;
}

/** Starts Chromium on `url` and connects to its page. */
export async function openPage(url: string): Promise<BrowserPage> {
  if (!CHROMIUM) {
    throw new Error("Chromium is not installed: apt-get install chromium (.ci/run installs it)");
  }
  const profile = await mkdtemp(path.join(tmpdir(), "llm-do-chromium-"));
  const browser = spawn(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      url,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  try {
    const port = await debuggingPort(browser);
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
      type: string;
      webSocketDebuggerUrl: string;
    }>;
    const target = targets.find((candidate) => candidate.type === "page");
    if (!target) throw new Error("chromium opened no page");
    const session = await connect(target.webSocketDebuggerUrl);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const reply = (await session.send("Runtime.evaluate", {
        expression,
        returnByValue: true,
        awaitPromise: true,
      })) as {
        result: { value: T };
        exceptionDetails?: { text: string };
      };
      if (reply.exceptionDetails) throw new Error(`page script failed: ${reply.exceptionDetails.text}`);
      return reply.result.value;
    };
    // The page starts as about:blank, which is already "complete": wait for our document.
    const loaded = `location.href === ${JSON.stringify(url)} && document.readyState === "complete"`;
    for (let tries = 0; !(await evaluate<boolean>(loaded)); tries++) {
      if (tries > 100) throw new Error("the page did not load");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const close = async () => {
      session.close();
      await stop(browser);
      await rm(profile, { recursive: true, force: true });
    };
    return {
      evaluate,
      async click(x, y) {
        for (const type of ["mousePressed", "mouseReleased"]) {
          await session.send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 });
        }
      },
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await stop(browser);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

function debuggingPort(browser: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${output}`)), 30_000);
    browser.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    browser.on("exit", () => reject(new Error(`chromium exited: ${output}`)));
  });
}

async function connect(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error("cannot connect to chromium")), { once: true });
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  return {
    send(method: string, params: unknown): Promise<unknown> {
      const id = ++nextId;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    close: () => socket.close(),
  };
}

async function stop(browser: ChildProcess): Promise<void> {
  if (browser.exitCode !== null || browser.signalCode !== null) return;
  const exited = new Promise((resolve) => browser.once("exit", resolve));
  browser.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (browser.exitCode === null && browser.signalCode === null) browser.kill("SIGKILL");
}
