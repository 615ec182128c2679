/**
 * @module Runs work that may never finish (a user's tool file loading) under a time limit that
 * holds even when the work blocks the thread. A promise that never settles is caught by a timer;
 * an endless synchronous loop by a watchdog thread, which interrupts the stuck JavaScript with
 * the inspector's `Runtime.terminateExecution` once the main thread has missed its heartbeat
 * past a deadline. The interrupted work is reported as timed out; the process goes on.
 *
 * The threads share memory: a heartbeat counter, and the deadline of each running piece of work
 * (0 when the slot is free), so that the watchdog sees work finish at once, never late.
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
const GRACE_MS = 1000;
/** Pieces of work watched at once; more run under the timer alone. */
const SLOTS = 64;

const WATCHDOG_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const inspector = require("node:inspector");
const { state, slots, grace, heartbeat } = workerData;
const shared = new BigInt64Array(state);
let beat = Atomics.load(shared, 0);
let beatAt = Date.now();
let interrupted = false;
setInterval(() => {
  const now = Date.now();
  const current = Atomics.load(shared, 0);
  if (current !== beat) { beat = current; beatAt = now; interrupted = false; return; }
  if (interrupted || now - beatAt < grace) return;
  let overdue = false;
  for (let slot = 1; slot <= slots; slot++) {
    const deadline = Number(Atomics.load(shared, slot));
    if (deadline !== 0 && now > deadline + grace) overdue = true;
  }
  if (!overdue) return;
  interrupted = true;
  const session = new inspector.Session();
  try { session.connectToMainThread(); } catch { return; }
  session.post("Runtime.terminateExecution", () => {
    session.disconnect();
    parentPort.postMessage("interrupted");
  });
}, heartbeat);
`;

interface Watchdog {
  worker: Worker;
  shared: BigInt64Array;
}

/** What to do with each running piece of work when the watchdog has interrupted the thread. */
const running = new Map<number, { deadline: number; timeOut: () => void }>();
let watchdog: Watchdog | null | undefined;
let heartbeat: ReturnType<typeof setInterval> | undefined;

function getWatchdog(): Watchdog | null {
  if (watchdog !== undefined) return watchdog;
  try {
    const state = new SharedArrayBuffer(8 * (SLOTS + 1));
    const worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { state, slots: SLOTS, grace: GRACE_MS, heartbeat: HEARTBEAT_MS },
      stdout: true,
      stderr: true,
    });
    // The interrupted JavaScript may have been the timer that would report the work: report it here.
    worker.on("message", () => {
      for (const [, work] of running) if (Date.now() > work.deadline) work.timeOut();
    });
    // Without a watchdog, the timer still catches work that never settles; log nothing.
    worker.on("error", () => {
      watchdog = null;
    });
    // After the listeners: adding a message listener refs the worker's port again, and a ref'd
    // port would keep every process that loaded a tool file alive after its work is done.
    worker.unref();
    watchdog = { worker, shared: new BigInt64Array(state) };
  } catch {
    watchdog = null;
  }
  return watchdog;
}

/** Takes a free slot for a deadline; 0 when none is free. */
function arm(dog: Watchdog | null, deadline: number): number {
  if (!dog) return 0;
  for (let slot = 1; slot <= SLOTS; slot++) {
    if (Atomics.compareExchange(dog.shared, slot, 0n, BigInt(deadline)) === 0n) return slot;
  }
  return 0;
}

function updateHeartbeat(dog: Watchdog | null): void {
  if (running.size > 0 && dog && !heartbeat) {
    heartbeat = setInterval(() => Atomics.add(dog.shared, 0, 1n), HEARTBEAT_MS);
    heartbeat.unref();
  } else if (running.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = undefined;
  }
}

let nextId = 0;

/**
 * Runs `work` (in a turn of the event loop of its own, so that interrupting it interrupts nothing
 * else) and settles like it, or rejects with {@link TimeLimitError} after `limitMs`.
 *
 * Contract: an endless synchronous loop in `work` is interrupted about a second after the limit,
 * when the watchdog thread could start (it needs `node:inspector`); without it, only work that
 * yields (a promise that never settles) is caught. Work still running after the limit is not
 * cancelled: its result is ignored. The interruption ends whatever JavaScript holds the thread
 * once it is stuck past a deadline: in a process that runs other work alongside (several runs
 * in one server), that may be the other work.
 */
export function withTimeLimit<T>(work: () => Promise<T>, limitMs: number): Promise<T> {
  const id = ++nextId;
  const dog = getWatchdog();
  const deadline = Date.now() + limitMs;
  const slot = arm(dog, deadline);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      if (slot !== 0 && dog) Atomics.store(dog.shared, slot, 0n);
      clearTimeout(timer);
      running.delete(id);
      updateHeartbeat(dog);
      settle();
    };
    const timeOut = () => finish(() => reject(new TimeLimitError(limitMs)));
    const timer = setTimeout(timeOut, limitMs);
    running.set(id, { deadline, timeOut });
    updateHeartbeat(dog);
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
