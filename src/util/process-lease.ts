/**
 * @module Small file-system coordination between llm-do processes of one project: whether a
 * process is alive, a lock file for a short critical section, and a directory of leases (one
 * file per process using a shared resource) that tells the last user it is the last.
 */

import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ConfigError } from "../errors.js";
import { errorCode } from "./error-code.js";

/** True when a process with this id exists (also when it belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** How long to wait for another live process to release the lock. */
  timeoutMs: number;
  /** What the lock protects, for the message when it cannot be taken. */
  what: string;
}

/**
 * Takes the lock file `file` (it holds the owner's pid) and returns its release. A lock left by
 * a dead process is taken over. Contract: throws a ConfigError naming the holder after
 * `timeoutMs`.
 */
export async function acquireLock(file: string, options: LockOptions): Promise<() => void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      const descriptor = openSync(file, "wx");
      writeFileSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const holder = readPid(file);
    if (holder === undefined || !isProcessAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConfigError(
        `${options.what} is held by another llm-do process (pid ${holder}, lock ${file})`,
      );
    }
    await delay(50);
  }
}

/** Leases this process holds, per directory (one file stands for all of them). */
const held = new Map<string, number>();

/** Registers this process in the lease directory `directory` (once more, if it already is). */
export function takeLease(directory: string): void {
  const key = path.resolve(directory);
  held.set(key, (held.get(key) ?? 0) + 1);
  mkdirSync(directory, { recursive: true });
  writeFileSync(path.join(directory, String(process.pid)), "");
}

/**
 * Drops one of this process's leases and returns how many holders remain: this process, if it
 * still holds another, and every other live process (leases of dead processes are removed on
 * the way).
 */
export function dropLease(directory: string): number {
  const key = path.resolve(directory);
  const remaining = Math.max(0, (held.get(key) ?? 0) - 1);
  if (remaining > 0) {
    held.set(key, remaining);
    return 1 + countOthers(directory);
  }
  held.delete(key);
  rmSync(path.join(directory, String(process.pid)), { force: true });
  return countOthers(directory);
}

function countOthers(directory: string): number {
  let others = 0;
  for (const name of safeList(directory)) {
    if (name === String(process.pid)) continue;
    const pid = Number(name);
    if (Number.isSafeInteger(pid) && pid > 0 && isProcessAlive(pid)) others += 1;
    else rmSync(path.join(directory, name), { force: true });
  }
  return others;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function safeList(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}
