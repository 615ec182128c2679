import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireLock, dropLease, isProcessAlive, takeLease } from "./process-lease.js";

const directories: string[] = [];
function scratch(): string {
  const directory = mkdtempSync(path.join(tmpdir(), "llm-do-lease-"));
  directories.push(directory);
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync("true").pid!;
}

describe("isProcessAlive", () => {
  it("tells a live process from an exited one", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(deadPid())).toBe(false);
  });
});

describe("acquireLock", () => {
  it("takes a free lock and releases it", async () => {
    const file = path.join(scratch(), "x.lock");
    const release = await acquireLock(file, { timeoutMs: 100, what: "x" });
    expect(existsSync(file)).toBe(true);
    release();
    expect(existsSync(file)).toBe(false);
  });

  it("takes over a lock left by a dead process", async () => {
    const file = path.join(scratch(), "x.lock");
    writeFileSync(file, String(deadPid()));
    const release = await acquireLock(file, { timeoutMs: 100, what: "x" });
    release();
  });

  it("names the live holder when it does not let go", async () => {
    const file = path.join(scratch(), "x.lock");
    writeFileSync(file, String(process.pid));
    await expect(acquireLock(file, { timeoutMs: 60, what: "The Postgres of /p" })).rejects.toThrow(
      `The Postgres of /p is held by another llm-do process (pid ${process.pid}, lock ${file})`,
    );
  });
});

describe("leases", () => {
  it("counts the other live holders and clears the leases of dead ones", () => {
    const directory = path.join(scratch(), "users");
    takeLease(directory);
    writeFileSync(path.join(directory, String(deadPid())), "");
    expect(dropLease(directory)).toBe(0);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("counts a lease this process took twice until both are dropped", () => {
    const directory = path.join(scratch(), "users");
    takeLease(directory);
    takeLease(directory);
    expect(dropLease(directory)).toBe(1);
    expect(readdirSync(directory)).toEqual([String(process.pid)]);
    expect(dropLease(directory)).toBe(0);
    expect(readdirSync(directory)).toEqual([]);
  });

  it("reports a live holder other than this process", () => {
    const directory = path.join(scratch(), "users");
    takeLease(directory);
    writeFileSync(path.join(directory, "1"), "");
    expect(dropLease(directory)).toBe(1);
  });
});
