/**
 * @module llm-do's own Postgres for a project: a database cluster under `.llm-do/postgres`,
 * created on first use, started on a free port on 127.0.0.1 and stopped by the last llm-do
 * process that uses it. A server left running by a killed llm-do is found (by its
 * `postmaster.pid`) and used again. As root, the server runs as `nobody` (see
 * `postgres-account.ts`).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { ConfigError } from "../../errors.js";
import { errorCode } from "../../util/error-code.js";
import { acquireLock, dropLease, isProcessAlive, takeLease } from "../../util/process-lease.js";
import { locatePostgresBinaries, type PostgresBinaries } from "./locate-postgres-binaries.js";
import { choosePostgresAccount, findBlockedDirectory, type PostgresAccount } from "./postgres-account.js";
import { freePort, lastLines, runToEnd, spawnOptions } from "./postgres-process.js";
import { parsePostmasterPid } from "./postmaster-pid.js";

/** The database and superuser llm-do creates. */
export const PROJECT_DATABASE = "llm_do";

/** Options of {@link startProjectPostgres}. */
export interface ProjectPostgresOptions {
  /** The project's state directory, `.llm-do` (created when missing). */
  stateDirectory: string;
  /** Extra `-c name=value` settings for the server (tests turn off fsync). */
  settings?: readonly string[];
  /** Skip initdb's final fsync (tests). */
  fastInit?: boolean;
  /** How long to wait for the server (default 30 s). */
  timeoutMs?: number;
  /** The account to run it as (default: chosen by {@link choosePostgresAccount}). */
  account?: PostgresAccount;
}

/** A running project Postgres this process uses. */
export interface ProjectPostgres {
  /** `postgresql://llm_do:...@127.0.0.1:PORT/llm_do`. */
  url: string;
  /** The server's process id. */
  pid: number;
  /** True when this call started the server (false: it was already running). */
  started: boolean;
  /** Stops using it; the last llm-do process to do so stops the server. */
  release(): Promise<void>;
}

/** Where things live under the state directory. */
export function projectPostgresPaths(stateDirectory: string) {
  return {
    data: path.join(stateDirectory, "postgres"),
    log: path.join(stateDirectory, "postgres.log"),
    password: path.join(stateDirectory, "postgres-password"),
    users: path.join(stateDirectory, "postgres-users"),
    lock: path.join(stateDirectory, "postgres.lock"),
    libraries: path.join(stateDirectory, "postgres-lib"),
  };
}

/**
 * Starts (or finds running) the project's Postgres and takes a lease on it. Contract: throws a
 * ConfigError saying what to do when it cannot start (root without a usable account, a data
 * directory that account cannot reach, no binaries for this platform, a server that fails).
 */
export async function startProjectPostgres(options: ProjectPostgresOptions): Promise<ProjectPostgres> {
  const paths = projectPostgresPaths(options.stateDirectory);
  const timeoutMs = options.timeoutMs ?? 30_000;
  mkdirSync(options.stateDirectory, { recursive: true });
  const account =
    options.account ?? choosePostgresAccount(process.getuid?.(), () => readFileSync("/etc/passwd", "utf8"));
  const blocked = findBlockedDirectory(options.stateDirectory, account);
  if (blocked !== undefined) {
    throw new ConfigError(
      `llm-do runs as root, so its Postgres runs as '${accountName(account)}', which cannot enter ${blocked}: let it (chmod o+x ${blocked}), run llm-do as another user, or point --database-url (or LLM_DO_DATABASE_URL) at a Postgres`,
    );
  }
  const release = await acquireLock(paths.lock, {
    timeoutMs,
    what: `Starting the Postgres of ${options.stateDirectory}`,
  });
  try {
    let server = await waitForRunning(paths.data, timeoutMs);
    let started = false;
    if (!server) {
      const binaries = await locatePostgresBinaries(paths.libraries);
      if (!existsSync(path.join(paths.data, "PG_VERSION"))) {
        await initialize(binaries, account, paths, options.fastInit === true);
      }
      server = await launch(binaries, account, paths, options.settings ?? [], timeoutMs);
      started = true;
    }
    takeLease(paths.users);
    const password = readPassword(paths.password, paths.data);
    const pid = server.pid;
    return {
      url: `postgresql://${PROJECT_DATABASE}:${password}@127.0.0.1:${server.port}/${PROJECT_DATABASE}`,
      pid,
      started,
      release: async () => {
        if (dropLease(paths.users) > 0) return;
        await stopServer(pid, timeoutMs);
      },
    };
  } finally {
    release();
  }
}

/** The running server of `dataDirectory`, waiting while it starts; undefined when none runs. */
async function waitForRunning(
  dataDirectory: string,
  timeoutMs: number,
): Promise<{ pid: number; port: number } | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = readPostmaster(dataDirectory);
    if (!state || !isProcessAlive(state.pid)) return undefined;
    if (state.status === "ready") return state;
    if (Date.now() > deadline) {
      throw new ConfigError(
        `the Postgres in ${dataDirectory} (pid ${state.pid}) stayed '${state.status}' for ${timeoutMs / 1000} s`,
      );
    }
    await delay(25);
  }
}

async function initialize(
  binaries: PostgresBinaries,
  account: PostgresAccount,
  paths: ReturnType<typeof projectPostgresPaths>,
  fastInit: boolean,
): Promise<void> {
  rmSync(paths.data, { recursive: true, force: true });
  mkdirSync(paths.data, { mode: 0o700 });
  handTo(paths.data, account);
  const password = randomBytes(18).toString("base64url");
  // initdb reads the password from a file its account can read; it is removed right after.
  const passwordFile = `${paths.password}.initdb`;
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  handTo(passwordFile, account);
  try {
    const args = [
      `--pgdata=${paths.data}`,
      `--username=${PROJECT_DATABASE}`,
      `--pwfile=${passwordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
      "--no-instructions",
      ...(fastInit ? ["--no-sync"] : []),
    ];
    const result = await runToEnd(binaries.initdb, args, binaries, account);
    if (result.code !== 0) {
      rmSync(paths.data, { recursive: true, force: true });
      throw new ConfigError(
        `initdb failed (exit code ${result.code}) in ${paths.data}: ${lastLines(result.output)}`,
      );
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(paths.password, password, { mode: 0o600 });
}

async function launch(
  binaries: PostgresBinaries,
  account: PostgresAccount,
  paths: ReturnType<typeof projectPostgresPaths>,
  settings: readonly string[],
  timeoutMs: number,
): Promise<{ pid: number; port: number }> {
  // A port taken between choosing it and the server binding it is tried once more.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logStart = existsSync(paths.log) ? readFileSync(paths.log).length : 0;
    const log = openSync(paths.log, "a");
    let child: ChildProcess;
    try {
      child = spawn(
        binaries.postgres,
        [
          "-D",
          paths.data,
          "-p",
          String(port),
          "-c",
          "listen_addresses=127.0.0.1",
          "-c",
          "unix_socket_directories=",
          ...settings.flatMap((setting) => ["-c", setting]),
        ],
        {
          ...spawnOptions(binaries, account),
          // Its own process group: a Ctrl+C in the terminal reaches llm-do, which stops it in order.
          detached: true,
          stdio: ["ignore", log, log],
        },
      );
    } finally {
      closeSync(log);
    }
    child.unref();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.once("error", () => {});
    const ready = await Promise.race([
      waitForReady(paths.data, child.pid ?? -1, timeoutMs),
      exited.then((code) => ({ exitCode: code })),
    ]);
    if (!("exitCode" in ready)) return { pid: ready.pid, port };
    const output = readFileSync(paths.log, "utf8").slice(logStart);
    if (attempt < 2 && /could not bind|Address already in use/i.test(output)) continue;
    throw new ConfigError(
      `Postgres did not start (exit code ${ready.exitCode}): ${lastLines(output)} (log: ${paths.log})`,
    );
  }
}

async function waitForReady(
  dataDirectory: string,
  pid: number,
  timeoutMs: number,
): Promise<{ pid: number; port: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = readPostmaster(dataDirectory);
    if (state && state.pid === pid && state.status === "ready") return state;
    if (Date.now() > deadline) {
      throw new ConfigError(
        `Postgres (pid ${pid}) was not ready after ${timeoutMs / 1000} s in ${dataDirectory}`,
      );
    }
    await delay(20);
  }
}

async function stopServer(pid: number, timeoutMs: number): Promise<void> {
  try {
    // SIGINT: Postgres's fast shutdown (disconnect clients, write a checkpoint, exit).
    process.kill(pid, "SIGINT");
  } catch (error) {
    if (errorCode(error) === "ESRCH") return;
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline)
      throw new ConfigError(`Postgres (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await delay(20);
  }
}

function readPostmaster(dataDirectory: string) {
  try {
    return parsePostmasterPid(readFileSync(path.join(dataDirectory, "postmaster.pid"), "utf8"));
  } catch {
    return undefined;
  }
}

function readPassword(file: string, dataDirectory: string): string {
  try {
    return encodeURIComponent(readFileSync(file, "utf8").trim());
  } catch {
    throw new ConfigError(
      `the password of the Postgres in ${dataDirectory} is missing (${file}); remove ${dataDirectory} to start over (its durable runs are lost)`,
    );
  }
}

function handTo(file: string, account: PostgresAccount): void {
  if (account.type === "unprivileged") chownSync(file, account.uid, account.gid);
}

function accountName(account: PostgresAccount): string {
  return account.type === "unprivileged" ? account.name : "the current user";
}
