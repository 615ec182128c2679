/**
 * @module Running the Postgres programs: as the chosen account with the library path they may
 * need, a free port for the server, and the end of their output for error messages.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { ConfigError, errorMessage } from "../../errors.js";
import type { PostgresBinaries } from "./locate-postgres-binaries.js";
import type { PostgresAccount } from "./postgres-account.js";

/** The options of `spawn` for a Postgres program: its account, and a small environment. */
export function spawnOptions(binaries: PostgresBinaries, account: PostgresAccount) {
  const variable = process.platform === "darwin" ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";
  const inherited = process.env[variable];
  return {
    ...(account.type === "unprivileged" ? { uid: account.uid, gid: account.gid } : {}),
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      LC_ALL: "C",
      ...(binaries.libraryPath
        ? {
            [variable]: inherited
              ? `${binaries.libraryPath}${path.delimiter}${inherited}`
              : binaries.libraryPath,
          }
        : {}),
    },
  };
}

/** Runs a program to its end. Contract: rejects with a ConfigError when it cannot be started. */
export function runToEnd(
  program: string,
  args: readonly string[],
  binaries: PostgresBinaries,
  account: PostgresAccount,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...spawnOptions(binaries, account),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", (error) => reject(new ConfigError(`cannot run ${program}: ${errorMessage(error)}`)));
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The last lines of a program's output, on one line. */
export function lastLines(text: string, count = 5): string {
  return text.trim().split("\n").slice(-count).join(" | ") || "no output";
}
