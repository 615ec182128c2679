/**
 * @module Runs work that may never finish (a user's tool file loading) under a time limit that
 * holds even when the work blocks the thread. A promise that never settles is caught by a timer;
 * an endless synchronous loop by a watchdog thread, which interrupts the stuck JavaScript with
 * the inspector's `Runtime.terminateExecution` once the main thread has missed its heartbeat
 * past the deadline. The interrupted work is reported as timed out; the process goes on.
 */
import { Worker } from "node:worker_threads";

/** The work did not settle within the limit. */
export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(`did not finish within ${limitMs} ms`);
    this.name = "TimeLimitError";
  }
}

/** How often the main thread shows it is alive while work is running. */
const HEARTBEAT_MS = 50;
/** How long past a deadline, without a heartbeat, before the watchdog interrupts. */
const GRACE_MS = 500;

const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const inspector = require("node:inspector");
const state = new Int32Array(workerData.state);
const deadlines = new Map();
let beat = Atomics.load(state, 0);
let beatAt = Date.now();
let interrupted = false;
parentPort.on("message", (message) => {
  if (message.type === "arm") deadlines.set(message.id, message.deadline);
  else deadlines.delete(message.id);
});
setInterval(() => {
  const now = Date.now();
  const current = Atomics.load(state, 0);
  if (current !== beat) { beat = current; beatAt = now; interrupted = false; return; }
  if (interrupted || deadlines.size === 0 || now - beatAt < workerData.grace) return;
  const overdue = [...deadlines.values()].some((deadline) => now > deadline + workerData.grace);
  if (!overdue) return;
  interrupted = true;
  const session = new inspector.Session();
  try { session.connectToMainThread(); } catch { return; }
  session.post("Runtime.terminateExecution", () => session.disconnect());
}, workerData.heartbeat).unref();
`;

interface Watchdog {
  worker: Worker;
  state: Int32Array;
}

let watchdog: Watchdog | null | undefined;
let nextId = 0;
let running = 0;
let heartbeat: ReturnType<typeof setInterval> | undefined;

function getWatchdog(): Watchdog | null {
  if (watchdog !== undefined) return watchdog;
  try {
    const shared = new SharedArrayBuffer(4);
    const worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { state: shared, heartbeat: HEARTBEAT_MS, grace: GRACE_MS },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    // Without a watchdog, a limit still catches work that never settles; log nothing.
    worker.on("error", () => {
      watchdog = null;
    });
    watchdog = { worker, state: new Int32Array(shared) };
  } catch {
    watchdog = null;
  }
  return watchdog;
}

function startHeartbeat(state: Int32Array | undefined): void {
  running += 1;
  if (heartbeat || !state) return;
  heartbeat = setInterval(() => Atomics.add(state, 0, 1), HEARTBEAT_MS);
  heartbeat.unref();
}

function stopHeartbeat(): void {
  running -= 1;
  if (running > 0 || !heartbeat) return;
  clearInterval(heartbeat);
  heartbeat = undefined;
}

/**
 * Runs `work` (in a turn of the event loop of its own, so that interrupting it interrupts nothing else) and settles
 * like it, or rejects with {@link TimeLimitError} after `limitMs`.
 *
 * Contract: an endless synchronous loop in `work` is interrupted about half a second after the
 * limit, when the watchdog thread could start (it needs `node:inspector`); without it, only work
 * that yields (a promise that never settles) is caught. Work still running after the limit is
 * not cancelled: its result is ignored. The interruption ends whatever JavaScript holds the
 * thread once it is stuck past a deadline: in a process that runs other work alongside (several
 * runs in one server), that may be the other work.
 */
export function withTimeLimit<T>(work: () => Promise<T>, limitMs: number): Promise<T> {
  const id = ++nextId;
  const dog = getWatchdog();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      dog?.worker.postMessage({ type: "disarm", id });
      stopHeartbeat();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new TimeLimitError(limitMs))), limitMs);
    startHeartbeat(dog?.state);
    dog?.worker.postMessage({ type: "arm", id, deadline: Date.now() + limitMs });
    // Interrupting JavaScript ends the microtasks queued behind it, so the work starts in a
    // turn of its own (nothing else is queued behind it); and in a microtask of that turn, as
    // interrupting a timer or immediate callback itself corrupts Node's async context stack.
    setImmediate(() =>
      queueMicrotask(() => {
        let pending: Promise<T>;
        try {
          pending = work();
        } catch (error) {
          finish(() => reject(error));
          return;
        }
        pending.then(
          (value) => finish(() => resolve(value)),
          (error: unknown) => finish(() => reject(error)),
        );
      }),
    );
  });
}
